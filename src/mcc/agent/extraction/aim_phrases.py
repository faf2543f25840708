"""How people lead into a campaign's aim in a sentence of their own, without the word
objective or goal: "the win here is a 20% lift in repeat bookings", "plan is basically to get
60 clinics to switch", "main thing: get parents to book a free taster", "we're hoping this brings
25 signed contracts", "i need it to add 35 new corporate clients", "if we get a full house at
every session I'm happy". The lead-in frames the aim; the aim is what follows it.
"""

from __future__ import annotations

# A noun for what the campaign is for, before "is" or a colon: "the win here is", "end result:".
_AIM_NOUN = (
    r"(?:win|plan|main\s+thing|big\s+thing|one\s+thing|end\s+result|end\s*game|dream|hope"
    r"|ambition|mission|north\s+star|big\s+ask|wish|measure\s+of\s+success)"
)
# At a sentence's or a line's start only: "our win rate is 20%" in the middle of a brief says
# something else.
AIM_LEAD_INS = (
    r"(?:(?<![^\n.;!?/])|(?<=[\n.;!?/][ \t])|(?<=[\n.;!?/][ \t]{2}))"
    r"(?:(?:the|our|my)[ \t]+)?(?:real[ \t]+|main[ \t]+|big[ \t]+)?"
    + _AIM_NOUN
    + r"(?:[ \t]+(?:here|for\s+us|for\s+this(?:\s+one)?))?[ \t]*(?:is|would\s+be|will\s+be|:|=)"
    r"[ \t]+(?:basically[ \t]+|simply[ \t]+|really[ \t]+|just[ \t]+)?"
    # (not the campaign itself: "our plan is to run TikTok ads for the café")
    r"(?!(?:to[ \t]+)?(?:run|do|hold|host|launch|create|set\s+up|start|put\s+on|organi[sz]e"
    r"|have|make|send|post|try)\b)(?:to[ \t]+)?"
    # "we're hoping this brings 25 signed service contracts", "hope it drives more calls"
    r"|\b(?:we'?re\s+|i'?m\s+)?hop(?:e|ing)\s+(?:this|it)\s+(?:will\s+)?"
    r"(?:brings?|gets?|drives?|delivers?|generates?|wins?)\s+(?:in\s+|us\s+)?"
    # "i need it to add 35 new corporate clients": what the campaign has to do, its verb kept
    r"|\b(?:i|we)\s+(?:need|want|would\s+like|'d\s+like)\s+(?:it|this(?:\s+one)?)\s+to\s+(?=[a-z])"
    # "if we get a full house at every session I'm happy": the outcome that would satisfy
    r"|\bif\s+we\s+(?:get|hit|reach|see|land)\s+(?=\S)"
)
