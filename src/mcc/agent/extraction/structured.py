"""Briefs pasted as JSON or YAML (an intake form's export, a config snippet), read as the
labelled lines they stand for.

A form export names its fields as keys ("campaign_name", "launchDate", "target-audience") and
wraps its values in quotes, braces and code fences. The working text (same length, so positions
and evidence stay the user's own words) reads each key as the words it is made of ("campaign
name", "launch Date"), drops a JSON value's quotes, ends each pair where its comma is (as a line
break), and blanks the fences, braces and parent keys ("campaign:") that carry no value.
"""

from __future__ import annotations

import re

# "```json", "```yaml", "```": a code fence's line.
_FENCE = re.compile(r"(?m)^[ \t]*```[\w-]*[ \t]*$")
# A line that only opens or closes an object or a list: "{", "},", "]".
_BRACKETS = re.compile(r"(?m)^[ \t]*[{}\[\]][ \t]*[{}\[\]]?[ \t]*,?[ \t]*$")
# '"campaign_name": "Factory Floor Stories",' and '"budget": 22000': a JSON pair; the comma
# after it ends it. A key holding an object ('"campaign": {') carries no value of its own.
_JSON_PAIR = re.compile(
    r'"(?P<key>[A-Za-z][\w .-]{0,40})"[ \t]*:[ \t]*'
    r'(?:(?P<text>"(?:[^"\\\n]|\\.)*")|(?P<plain>-?\d[\d.]*|true|false|null)'
    # A list of strings is the value's words: '"channels": ["email", "LinkedIn"]'.
    r'|(?P<list>\[(?:[ \t]*"[^"\n]*"[ \t]*,?)*[ \t]*\])|(?P<nested>[{\[]))'
    r"(?P<comma>[ \t]*,)?"
)
# "  campaign_name: Benelux Buyer Journey", "launchDate: 2031-06-01": a YAML key made of words.
_YAML_KEY = re.compile(
    r"(?m)^(?P<lead>[ \t]*(?:-[ \t]+)?)"
    r"(?P<key>[A-Za-z]+(?:[_-][A-Za-z]+)+|[a-z]+(?:[A-Z][a-z]+)+)(?=[ \t]*:)"
)
# "campaign:" alone on its line above indented keys (a YAML parent): no value, and no label.
_YAML_PARENT = re.compile(
    r"(?m)^[ \t]*[A-Za-z][\w-]*[ \t]*:[ \t]*(?=\n[ \t]+[A-Za-z][\w-]*[ \t]*:)"
)
_MONEY_KEY = re.compile(r"(?i)(?:total[_ -]?)?(?:budget|spend|funding)")
_WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _key_words(key: str, room: int) -> str:
    """The words a key is made of, at most `room` characters, right-aligned in them
    ("campaign_name" -> "campaign name", "launchDate" -> "launch Date")."""
    words = " ".join(_WORD_PARTS.findall(key))
    if len(words) > room:
        words = re.sub(r"[_.-]", " ", key)
    return words.rjust(room)


def _json_pair(match: re.Match[str]) -> str:
    key = match["key"]
    label = _key_words(key, len(key) + 2)  # the key's two quotes are room for its spaces
    if match["nested"]:
        # '"budget": {"amount": 40000, "currency": "EUR"}': the amount inside is the budget, so
        # the money key stays as the label of what its object holds; other parents carry none.
        if match["nested"] == "{" and _MONEY_KEY.fullmatch(key):
            return label + " " * (match.end() - match.start() - len(label))
        return " " * (match.end() - match.start())
    kind = next(group for group in ("text", "list", "plain") if match[group] is not None)
    between = match.string[match.end("key") + 1 : match.start(kind)]
    value = match[kind]
    if kind == "text":
        value = " " + value[1:-1] + " "
    elif kind == "list":
        value = re.sub(r'[\["\]]', " ", value)
    comma = match["comma"] or ""
    return label + between + value + comma[:-1] + ("\n" if comma else "")


def _json(text: str) -> str:
    if "{" not in text:
        return text
    read = _JSON_PAIR.sub(_json_pair, text)
    # An object's braces end its last value and open its first: '..., "audience": "X"}'.
    return re.sub(r"[{}]", "\n", read) if read != text else text


def _yaml_key(match: re.Match[str]) -> str:
    lead, key = match["lead"], match["key"]
    indent = len(lead) - len(lead.lstrip(" \t")) if not lead.strip() else 0
    words = _key_words(key, len(key) + indent)
    return lead[: len(lead) - indent] + words


def unescaped(value: str) -> str:
    """A JSON string's text as meant: 'Big \\"Q\\" Launch' is 'Big "Q" Launch'."""
    return re.sub(r'\\(["\\/])', r"\1", value)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def as_key_values(text: str) -> str:
    """`text` with a JSON or YAML brief read as labelled lines; the same length as `text`."""
    if "```" not in text and "{" not in text and not _YAML_KEY.search(text):
        return text
    text = _FENCE.sub(_blank, text)
    text = _json(text)
    text = _BRACKETS.sub(_blank, text)
    text = _YAML_PARENT.sub(_blank, text)
    return _YAML_KEY.sub(_yaml_key, text)
