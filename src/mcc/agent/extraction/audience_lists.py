"""An audience cut at the first comma of its own list: "IT managers in Sweden, Norway and
Denmark" was stored as "IT managers in Sweden", "finance leaders (controllers, VPs of finance,
CFOs) at companies with 50-500 staff" as "finance leaders (controllers". The list of names that
goes on ("Norway and Denmark": capitalised words closed by "and" or "or") and the bracket that
was opened belong to the audience."""

from __future__ import annotations

import re
from dataclasses import replace

from mcc.agent.extraction.run_on import holds_other_fields, placed, run_on
from mcc.agent.extraction.spans import Extraction
from mcc.agent.extraction.vocabulary import channels_in

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.&'’-]*)*"
# ", Norway and Denmark", ", Singapore, and Japan": names only, closed by "and"/"or" + a name.
_LIST_TAIL = re.compile(rf"(?:,\s*{_NAME})*,?\s+(?:and|or|&)\s+{_NAME}\b")
# What qualifies the people after a closed bracket: " at companies with 50-500 staff".
_QUALIFIER = re.compile(r"\s+(?:at|in|from|with|who|that|across|working\s+at)\s+[^,;.\n()]{2,60}")
_BRACKET_REACH = 120
# "finance leaders (controllers, ...)" cut before its bracket: the bracket says who they are.
_OPENS = re.compile(r"\s*\(")


def with_whole_lists(found: Extraction, text: str) -> Extraction:
    where = placed(found, "target_audience", text)
    if where is None:
        return found
    candidate, at = where
    value = str(candidate.value)
    end = at + len(value)
    opened = _OPENS.match(text, end)
    if value.count("(") > value.count(")") or opened:
        end = opened.end() if opened else end
        close = text.find(")", end)
        if close < 0 or close - end > _BRACKET_REACH or "\n" in text[end:close]:
            return found
        end = close + 1
        qualifier = _QUALIFIER.match(text, end)
        end = qualifier.end() if qualifier else end
    else:
        tail = _LIST_TAIL.match(text, end)
        if tail is None:
            return found
        end = tail.end()
    added = text[at + len(value) : end]
    if channels_in(added) or holds_other_fields(found, "target_audience", added, channels=True):
        return found  # the words go on into another field's: not the audience's list
    return run_on(found, "target_audience", candidate, text[at:end].strip())


# The audience's last word read as a channel: "attendees of our March webinars" (stored as
# "attendees of our March", with a webinar channel), "opted into SMS, ...".
_LAST_WORD = re.compile(r"[ \t]+([^\W\d_][\w-]*)(?=[ \t]*(?:[,.;\n]|$))")


def with_its_last_word(found: Extraction, text: str) -> Extraction:
    where = placed(found, "target_audience", text)
    if where is None:
        return found
    candidate, at = where
    end = at + len(str(candidate.value))
    word = _LAST_WORD.match(text, end)
    if word is None:
        return found
    named = [c for c in found.channels if c.evidence == word.group(1)]
    if not named:
        return found
    longer = run_on(found, "target_audience", candidate, text[at : word.end()])
    if len(re.findall(rf"\b{re.escape(word.group(1))}\b", text)) == 1:
        channels = [c for c in found.channels if c not in named]  # named nowhere else
        return replace(longer, channels=channels)
    return longer
