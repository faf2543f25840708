"""A mail's closing, blanked from the working text: it is about the sender, not the campaign.

A brief forwarded from an inbox ends with a sign-off ("Thanks,", "Best regards"), the sender's
signature ("Sam | Events Lead", "— Priya, Field Events Manager", "Head of Events & Webinars |
Acme GmbH"), a phone's tag ("Sent from my iPhone") and a legal footer ("CONFIDENTIALITY: This
email and any attachments are intended solely for the addressee"). Their words name channels and
types ("events", "email") and people who are no audience; none of it fills a field. Blanking keeps
the text's length, so positions and evidence stay the user's own words.
"""

from __future__ import annotations

import re

# A legal footer: its label, or its usual opening, up to the end of its paragraph.
_FOOTER = re.compile(
    r"(?im)^[ \t]*(?:(?:confidential(?:ity)?|privileged|disclaimer|legal)(?:[ \t]+notice)?"
    r"[ \t]*[:—–-]"
    r"|this[ \t]+(?:e-?mail|message)[ \t]+(?:and[ \t]+any[ \t]+attachments?[ \t]+)?"
    r"(?:is|are|may[ \t]+be|contains?)[ \t]+(?:confidential|privileged|intended))"
    r"(?:.|\n(?![ \t]*\n))*"
)


def without_footer(text: str) -> str:
    """`text` with a mail's legal footer blanked; the same length as `text`."""
    return _FOOTER.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


# The words of a sign-off, in the languages briefs arrive in.
CLOSING_WORDS = (
    r"(?i:(?:many\s+|thanks\s+and\s+)?(?:thanks|thank\s+you|thx|cheers|best(?:\s+wishes)?"
    r"|(?:kind|best|warm|warmest)\s+regards|regards|sincerely|yours(?:\s+truly)?|talk\s+soon"
    r"|saludos|un\s+saludo|gracias|(?:viele|liebe|beste)\s+gr(?:ü|ue)(?:ß|ss)e|danke"
    r"(?:\s*(?:&|und)\s*gr(?:ü|ue)(?:ß|ss))?|gr(?:ü|ue)(?:ß|ss)e|mfg|lg|vg|merci|cordialement"
    r"|bien\s+(?:cordialement|à\s+vous)|grazie|saluti|obrigad[oa]|abraços|atenciosamente"
    r"|cumprimentos)(?:\s+(?:in\s+advance|so\s+much|again|a\s+lot))?)"
)
# A sign-off alone on its line ("Thanks,", "Many thanks in advance", "Best, Sam"): the lines
# after it are the signature.
_SIGN_OFF = re.compile(
    rf"(?m)^[ \t]*{CLOSING_WORDS}[ \t]*[,.!]*"
    r"(?:[ \t]*[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)?[ \t]*$"
)
# A sign-off that ends the brief's last sentence: "... channels email. Danke & Gruß, Jonas
# (Leiter Events)". Short, and with no figure in it (no detail hides there).
_SIGN_OFF_TAIL = re.compile(rf"(?<=[.!?])[ \t]+{CLOSING_WORDS}\b[^\n\d]{{0,60}}$")
# A job title ("Events Lead", "Field Events Manager", "Head of Events & Webinars").
_ROLE = (
    r"(?i:manager|lead|director|head|vp|svp|evp|coordinator|specialist|officer|executive|associate"
    r"|analyst|strategist|consultant|assistant|intern|chief|cmo|marketer|owner|partner\s+manager"
    r"|gerente|directora?|responsable|leiter(?:in)?|chef(?:fe)?)"
)
# A signature line anywhere: "— Priya, Field Events Manager", "Sam | Events Lead", a phone's tag.
_SIGNATURE_LINE = re.compile(
    rf"(?m)(?:^|(?<=\s))[—–~-]{{1,2}}[ \t]*[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){{0,2}}[ \t]*"
    rf"[,|/][^\n]*\b{_ROLE}\b[^\n]*$"
    rf"|^[ \t]*[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){{0,2}}[ \t]*[|,][^\n:]*\b{_ROLE}\b[^\n:]*$"
    r"|^[ \t]*(?i:sent\s+from\s+my\s+[\w -]{2,30}|get\s+outlook\s+for\s+\w+)[ \t.]*$"
)
# After a sign-off, a line that states a field is still the brief ("Thanks!\nBudget: 40k",
# "cheers\nbudget 40k").
_FIELD_LINE = re.compile(
    r"(?i)^[ \t]*(?:[-*•·][ \t]*)?(?:name|type|audience|objective|goal|budget|channels?|launch"
    r"|date|tier)\b[ \t]*(?:[:=]|(?:is[ \t]+)?[$€£]?\d)"
)
_SIGNATURE_LINES = 6
# A signature is a short line of a name and a role; a line opening with a greeting ("Hi, please
# get ... an executive dinner ...") or as long as a sentence of details is the brief itself,
# whatever role word it holds.
_SIGNATURE_MAX = 90
_GREETING = re.compile(r"(?i)^[ \t]*(?:hi|hello|hey|dear|hiya|morning|afternoon|evening)\b")


def _signs(line: str) -> bool:
    return len(line.strip()) <= _SIGNATURE_MAX and not _GREETING.match(line)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def without_signature(text: str) -> str:
    """`text` with the sign-off, signature lines and phone tag blanked; the same length."""
    # Only after something: a message that is just "Events Lead, Field Marketing Manager"
    # answers a question (who the audience is), it signs nothing.
    text = _SIGNATURE_LINE.sub(
        lambda match: (
            _blank(match.group())
            if match.string[: match.start()].strip() and _signs(match.group())
            else match.group()
        ),
        text,
    )
    text = _SIGN_OFF_TAIL.sub(lambda match: _blank(match.group()), text)
    # The last sign-off: a "thanks" earlier in the mail may be followed by more details.
    sign_offs = list(_SIGN_OFF.finditer(text))
    if not sign_offs:
        return text
    sign_off = sign_offs[-1]
    rest = text[sign_off.end() :]
    lines = [line for line in rest.split("\n") if line.strip()]
    if len(lines) > _SIGNATURE_LINES or any(_FIELD_LINE.match(line) for line in lines):
        return text
    return text[: sign_off.start()] + _blank(text[sign_off.start() :])


# A short check on what the message just gave, after a dash or a comma: "'X' is the name — is
# that ok?", "it's aimed at vets in Otago — specific enough?", "LinkedIn — do we need more?",
# "US dollars 19,000 — is that ok for this?", "more quotes turned into bookings — can we track
# that?".
# Where a check ends: the message's end, or more details after a comma or "and" ("... — is that
# ok?, and on social (paid)").
_CHECK_END = r"\s*\?+(?=\s*$|\s*[,;]|\s+(?:and|plus|also)\b|[ \t]*\n)"
TAG_CHECK = re.compile(
    r"[,;:—–-]\s*(?:(?:is|does|would|will|can)\s+(?:that|this|it)\s+(?:sound\s+|look\s+|seem\s+"
    r"|be\s+)?)?(?:ok(?:ay)?|fine|alright|all\s+right|right|good|enough|(?:specific|clear|precise"
    r"|detailed)\s+enough|correct|works?|do)"
    # "— is that ok for this?", "— is that enough for a start?"
    r"(?:\s+for\s+(?:this|it|us|now|you|a\s+start|(?:the|this|a)\s+\w+))?"
    + _CHECK_END
    # "— can we track that?", "— is that realistic?", "— is that too low?"
    + r"|[,;:—–-]\s*(?:(?:can|could)\s+(?:we|you)\s+(?:track|measure|report\s+on)\s+"
    r"(?:that|this|it)|is\s+(?:that|this|it)\s+(?:too\s+\w+|doable|realistic|feasible|achievable|possible))"
    + _CHECK_END
    + r"|[,;:—–-]\s*do\s+(?:we|i|you)\s+need\s+(?:more|any\s*more|anything\s+else|others?)"
    + _CHECK_END
    # "— is that what you mean?", "— is this what you were after?": whether it answers.
    + r"|[,;:—–-]\s*(?:is|was)\s+(?:that|this)\s+what\s+you\s+(?:mean|meant|want|wanted|need|needed"
    r"|asked\s+for|were\s+after|(?:'re|’re|are)\s+after|had\s+in\s+mind)"
    + _CHECK_END
    # "— realistic?", "— too ambitious?", "— thoughts?" ending the message or its line (before
    # "Also ..." it would join the value to the next sentence)
    + r"|[,;:—–-]\s*(?:realistic|doable|feasible|achievable|reasonable|sensible|ambitious"
    r"|thoughts|too\s+\w+)\s*\?+(?=\s*$|[ \t]*\n)"
    # "— will that stretch far enough?", "— too soon, you think?": a few words about what was
    # just given, by "that" / "this" / "it", or asking the assistant's view of it; not a question
    # on what it needs or takes ("— does it need VP approval?" asks the playbooks).
     + r"|[,;:—–-]\s*(?:(?:is|are|will|would|does|do|can|could|might)\s+(?:that|this|it)\b"
    r"(?![^?\n]*\b(?:need|needs|require|requires|approv\w*|take|takes|cost|costs|mean|means"
    r"|run|also|too|instead|add|include|on|via|tier|really|actually|lead|approver)\b)"
    r"(?:\s+[\w'’-]+){0,5}|(?:\w+\s+){0,3}\w+,?\s+(?:you\s+think|do\s+you\s+think|you\s+reckon))"
    + _CHECK_END,
    re.IGNORECASE,
)


def without_check(text: str) -> str:
    """`text` without its checks on what it gives ("— is that ok?"), when something comes
    before them: "'X' is the name — is that ok?" would read "is" as the name, and "aimed at
    vets in Otago — specific enough?" would end the audience with the check."""
    return TAG_CHECK.sub(
        lambda match: "" if match.string[: match.start()].strip() else match.group(), text
    ).strip()


def without_closing(text: str) -> str:
    """`text` without its mail closing (sign-off, signature, footer); the same length."""
    return without_signature(without_footer(text))


# "...? asking for the studio manager", "...? just asking for a friend": who wants to know, after
# the question (`intents.is_single_question`).
ASKING_FOR = re.compile(r"\?\s*(?:just\s+)?asking\s+for\s+[^?.!\n]{1,40}[.!]*$", re.IGNORECASE)
