"""Channel scope in what people write: lists, "only paid social", "SMS only", "no events",
"swap linkedin for x", each channel mapped to the product's channel vocabulary."""

from __future__ import annotations

import re

from mcc.agent.extraction.spans import MASK, Candidate, Extraction, Text, value_end
from mcc.agent.extraction.vocabulary import ALL_CHANNELS, channels_in

_CHANNELS_LABEL = re.compile(
    r"\b(?:channels?\s*(?:are|is|:|=|will\s+be)|(?:only|just|solely|exclusively)\s+"
    r"(?:use\s+|run\s+(?:on|in)\s+|on\s+|via\s+|through\s+)?)\s*",
    re.IGNORECASE,
)
_SWAP = re.compile(
    r"\b(?:swap|replace|switch|change)\s+(?:out\s+)?(?:the\s+)?(?P<old>[\w -]{1,30}?)"
    r"\s+(?:for|with|to)\s+"
    r"(?P<new>[\w -]{1,30}?)(?=\s*(?:[,.;!?\n]|$|please|instead))",
    re.IGNORECASE,
)
_X_CHANNEL = re.compile(r"(?<![\w-])x(?![\w-])(?:\s*\(twitter\))?", re.IGNORECASE)
_LISTED_BEFORE = re.compile(r"\x00\s*(?:,|&|\+|/|\band\b|\bplus\b|\bor\b)\s*$", re.IGNORECASE)
_LISTED_AFTER = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bplus\b|\bor\b)\s*\x00", re.IGNORECASE)
_ONLY_AFTER = re.compile(
    r"\b(?:only|alone|exclusively|and\s+nothing\s+else|and\s+that'?s\s+it)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_CHANNEL_REMOVE = re.compile(
    r"\b(?:remove|drop|without|exclude|skip|no\s+more|not|no|minus|except|cut|lose|scratch|ditch"
    r"|nix|kill|delete|strike|forget(?:\s+about)?|take\s+out|leave\s+out)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


def _channel_names(text: Text, start: int, end: int) -> list[Candidate]:
    """The channels named between `start` and `end`, "x" included (the words were meant as
    channels there)."""
    found = [
        Candidate("channels", name, text.span(start + m.start, start + m.end))
        for m, name in channels_in(text.work[start:end])
    ]
    found += [
        Candidate("channels", "x", text.span(m.start(), m.end()))
        for m in _X_CHANNEL.finditer(text.work, start, end)
    ]
    return found


def swap(text: Text, result: Extraction) -> None:
    """ "swap linkedin for x", "replace display with video", "video instead of display"."""
    match = _SWAP.search(text.work)
    if match is None or MASK in match.group():
        return
    old = _channel_names(text, match.start("old"), match.end("old"))
    new = _channel_names(text, match.start("new"), match.end("new"))
    if old and new:
        result.removed_channels += old
        result.channels += new
        text.mask(match.start(), match.end())


def channels(text: Text, result: Extraction) -> None:
    label = _CHANNELS_LABEL.search(text.work)
    if label and channels_in(text.work[label.end() : value_end(text.work, label.end())]):
        result.channels_mode = "replace"
    if _ONLY_AFTER.search(text.work) and channels_in(text.work):
        result.channels_mode = "replace"  # "SMS only", "email and nothing else"
    if label:
        # "x" is the channel only in a list of channels ("channels: x, instagram").
        span_end = value_end(text.work, label.end())
        for x in _X_CHANNEL.finditer(text.work, label.end(), span_end):
            result.channels.append(Candidate("channels", "x", text.span(x.start(), x.end())))
            text.mask(x.start(), x.end())
    for match, channel in channels_in(text.work):
        evidence = text.span(match.start, match.end)
        text.mask(match.start, match.end)
        candidate = Candidate("channels", channel, evidence)
        if _CHANNEL_REMOVE.search(text.work[: match.start]):
            result.removed_channels.append(candidate)
        elif all(existing.value != channel for existing in result.channels):
            result.channels.append(candidate)
    # "LinkedIn & X", "x and email": "x" joined to a channel by a list's connector is one too.
    for x in _X_CHANNEL.finditer(text.work):
        before, after = text.work[: x.start()], text.work[x.end() :]
        if _LISTED_BEFORE.search(before) or _LISTED_AFTER.match(after):
            if all(existing.value != "x" for existing in result.channels):
                result.channels.append(Candidate("channels", "x", text.span(x.start(), x.end())))
            text.mask(x.start(), x.end())
    # "multichannel: email, events and paid social": the named channels are the scope.
    named = [c for c in result.channels if c.value != ALL_CHANNELS]
    if named and len(named) < len(result.channels):
        result.channels = named
