"""The words an aim is made of: its verbs, their -ing forms, the verbs of doing the campaign
itself, and a figure with what it counts. Shared by the readers of the objective (`fields`)."""

from __future__ import annotations

VERBS = (
    r"(?:increase|grow|boost|drive|generate|raise|lift|improve|reduce|cut|lower|win|acquire"
    r"|promote|announce|build|nurture|convert|re-?engage|book|fill|sell|expand|educate|attract"
    r"|capture|double|triple|get|save|retain|recover|reactivate|win\s+back|upsell|cross-sell"
    r"|secure|land|recruit|onboard|activate|engage|reach|hit|collect|earn|gain|source|showcase"
    r"|introduce|accelerate|revive|drum\s+up|bring\s+in|push|spur|encourage|spark|foster"
    r"|strengthen|deepen|widen|broaden|position|sign\s+up|register|turn|move|convince|persuade"
    r"|remind|inform|thank|celebrate|welcome|re-?activate|pump\s+up|ramp\s+up|kickstart"
    r"|jump-?start|maximi[sz]e|minimi[sz]e|shorten|speed\s+up|prove|demonstrate|validate)"
)
# Verbs whose object is people, an aim only after a word of purpose ("to bring people back", "to
# let people know", "to help people find us": the verb's people are what the aim is about, no
# audience of "to"); at a message's start they are said to the assistant ("let's say 35k").
PEOPLE_VERBS = r"(?:bring|let(?!['’])|help|tell|show|inspire|entice|tempt|lure|woo|excite|keep)"
# More verbs of an aim, after a word of purpose only ("to open 15 opportunities", "so that we can
# sign 20 dealers"): at a message's start they are commands ("close it"); "to create" and "to
# take" ask for the campaign itself ("to create a launch campaign", "to take a booth").
PURPOSE_VERBS = rf"(?:{VERBS}|{PEOPLE_VERBS}|open|close|unlock|sign|replace|beat)"
DOING = (
    r"(?:do|run|make|have|plan|launch|start|try|put\s+on|set\s+up|organi[sz]e|host|create|kick\s+off"
    r"|roll\s+out|put\s+together|spin\s+up|arrange|prepare|send|schedule|design|draft|publish)"
)
GERUNDS = (
    r"(?:promoting|increasing|growing|boosting|driving|generating|raising|improving|reducing"
    r"|announcing|building|nurturing|converting|re-?engaging|booking|filling|selling|expanding"
    r"|educating|attracting|capturing|doubling|getting|saving|retaining|recovering|reactivating"
    r"|upselling|securing|recruiting|onboarding|activating|engaging|reaching|collecting)"
)
# A figure and what it counts ("400 sign-ups", "35% open rate", "~80 attendees").
KPI_FIGURE = (
    r"\s*(?:~|about\s+|around\s+|at\s+least\s+)?\d[\d,.]*\s?(?:%|k\b)?\s*"
    r"(?:[\w-]+\s+){0,3}(?:mqls?|sqls?|leads|sign-?ups|registrations|registrants|attendees|customers"
    r"|demos|meetings|opportunities|opps|downloads|trials|subscribers|deals|installs|orders|sales"
    r"|upgrades|renewals|conversions|rate|ctr|signups|visits|clicks|reviews|referrals|calls"
    r"|bookings|pipeline|regs|starts)\b"
)
