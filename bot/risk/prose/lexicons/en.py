"""English. Stems match from a word start (`delet` → delete, deletes, deleting)."""

from bot.risk.prose.lexicon import (
    AI_SITES,
    AI_TOOLS,
    CONTROL_PRODUCTS,
    FORCE_PUSH,
    GATE_SETTINGS,
    NO_SOURCE,
    PAGERS,
    PORT_SPECS,
    SECRET_FILES,
    SOCIAL_SITES,
    TEMPLATE_FILES,
    WIDE_CHANNELS,
    lexicon,
)

_W = r"(?!\w)"  # ends a fragment at the end of a word (no free suffix)
# A file named as what is dropped ("the file", "the CSV", "that export"): put somewhere.
_FILE_DROPPED = (
    r"(?:the|that|this|your|a)\s+(?:[\w.-]+\s+)?(?:file|csv|export|extract|report|zip|pdf"
    r"|spreadsheet|xlsx|archive|parquet)s?"
)
# Right before a report noun: it is the circumstance of an order, not a report of what was
# done ("given the outage", "because of this incident", "due to the ongoing outage").
_NOT_A_REASON = (
    r"(?<!given )(?<!given the )(?<!given this )(?<!given an )(?<!of the )(?<!of this )"
    r"(?<!of an )(?<!to the )(?<!to this )(?<!to an )(?<!amid the )(?<!during the )"
    r"(?<!the ongoing )(?<!the current )(?<!this ongoing )(?<!an ongoing )"
)
# Right before a team's name: the team acts, approves or receives ("ask Legal to send",
# "approved by HR", "Julien (HR)"); it is not what is sent.
_ACTOR = (
    r"(?<!by )(?<!by the )(?<!ask )(?<!asks )(?<!ask the )(?<!asking )(?<!tell )(?<!have )"
    r"(?<!let )(?<!\()(?<!with )(?<!to )(?<!from )"
    # the subject of a purpose clause ("so legal can review what we keep")
    r"(?<!so )(?<!so that )"
)
# A field of a person's record, as lists of them name it.
_FIELD = (
    r"(?:names|e-?mails?|e-?mail\s+addresses|(?:ip|home|postal|mailing|shipping|billing)\s+"
    r"addresses|addresses|phone\s+numbers|phones|mobile\s+numbers|birth\s*dates|birthdays|"
    r"dates\s+of\s+birth|card\s+(?:bins|numbers)|ibans?|ssns|user\s+ids|"
    r"purchase\s+histor(?:y|ies)|diagnoses|salaries)"
)
# "the owner field", "the admin console": a role's name used about something else
_NOT_META = (
    r"(?!\w)(?!\s+(?:field|column|attribute|tag|label|property|metadata|console|panel|page|"
    r"settings|ui|portal|api|tab|menu|cent(?:er|re)|of\s+the\s+(?:doc|page|file))|\s*(?:→|->|>|/))"
)

LEXICON = lexicon(
    "en",
    spaced=True,
    markers="the a an to and of is are you your please",
    # -ed forms narrate (deleted, wiped, disabled); "feed"/"need" are not past.
    past_form=r"(?<!e)ed$|^(?:sent|ran|gave|made|tore|torn|wrote|overwrote|broke|took|lost|went|came|began|became|brought)$",
    past_subject=(
        r"(?:^|\W)(?:i|we|he|she|they|someone|somebody|nobody|who|(?:[a-z]+\s+)?(?:team|engineer|admin|"
        r"contractor)s?)\s+(?:had\s+|already\s+|just\s+|accidentally\s+|also\s+|then\s+)?"
        r"(?:put|set|let|cut|shut|hit|quit|spread|upset|reset|rerun|broadcast)$"
    ),
    # An action word is a verb when it starts its clause or follows a word that leads
    # into one (please, to, and, a modal, a subject); "the export", "public sharing",
    # "debug logging" are nouns. Gerunds need a lead (considering, by, worth …).
    noun_form=r"(?:(?<!commiss)(?<!provis)ion|ions|ment|ments|ers|al|als)$",  # not "decommission"
    verb_lead=(
        "please pls just now then and or to also first next finally simply quickly safely "
        "kindly immediately you we i let's lets can could would should must will shall 'll 'd "
        "might may need needs want have has ok okay so yes definitely probably maybe "
        "permanently completely fully manually actually consider considering suggest "
        "recommend try worth by start begin about with keep go ahead better best always never "
        "is be don't dont not ever can't cant won't wont shouldn't mustn't avoid without "
        "before after instead rather than of from really carefully directly temporarily quietly "
        # a console's button pressed: "hit Delete", "click Delete", "choose 'Delete permanently'"
        "hit click press choose pick select tap"
    ),
    causative="let lets letting help helps helping have has",
    entries={
        # ---------------------------------------------------------------- actions
        "destroy": (
            # coverage audit (issue 19): common synonyms an unseen writer uses
            rf"blow(?:s|ing)?\s+(?:\S+\s+){{0,3}}?away{_W}",  # "blow the old cluster away"
            f"terminat(?:e|es|ing){_W}",  # "terminate the prod instances" (not "terminal")
            # a hosting contract cancelled takes its machines and their disks with it ("cancel
            # the two dedicated database servers at Hetzner"); not "cancel the meeting"
            r"cancel(?:s|ling)?(?=\s+(?:(?!with\b|for\b|about\b|from\b|on\b)\S+\s+){0,5}?(?:servers?|instances?|machines?|vms?|clusters?|"
            r"databases?|hosts?|nodes?|droplets?)\b)",
            f"ditch(?:es|ing)?{_W}",
            # a whole cloud project or account shut down or closed goes with all it holds
            # ("shut down the analytics GCP project", "close the old AWS account"); not "close
            # the ticket about the AWS account"
            r"(?:shut(?:s|ting)?\s+down|clos(?:e|es|ing))(?=\s+(?:(?!about\b|for\b|on\b|with\b|"
            r"ticket|issue)\S+\s+){0,4}?(?:aws|gcp|azure|google\s+cloud)\s+(?:account|project)s?\b)",
            f"zap(?:s|ping)?{_W}",
            # "schedule the old KMS key for deletion"
            r"schedul(?:e|es|ing)\s+(?:\S+\s+){0,6}?for\s+(?:deletion|removal|destruction)" + _W,
            # "uninstall the payments Helm release" (uninstalling an agent is "disable")
            r"uninstall(?:s|ing)?(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?helm\s+(?:release|chart)s?\b)",
            f"scrap(?:s|ping)?{_W}",
            f"trash(?:es|ing)?{_W}",
            "obliterat",
            "delet",
            f"remov(?:e|es|ing){_W}",
            f"wip(?:e|es|ing){_W}",
            # not "drop me a note", nor "drop this into nginx.conf" (put a snippet somewhere)
            f"drop(?:s|ping)?{_W}(?!\\s+(?:me\\s+|us\\s+)?an?\\s+(?:note|line|message|comment|link|ping)"
            r"|\s+(?:this|these|the\s+(?:following|snippet|block|config|lines?|stanza))"
            r"(?:\s+(?:snippet|block|config|stanza|lines?))?\s+(?:in|into|under|onto)\b"
            # "drop it into db/migrations/", "drop them in the repo": a file put somewhere
            r"|\s+(?:it|them|that|those)\s+(?:into|onto|under)\b"
            # "drop the survey responses into the team's folder": put somewhere (see "move")
            r"|\s+(?:(?!tables?\b|schemas?\b|databases?\b)\S+\s+){1,8}?(?:into|onto)\s+"
            r"(?:the|our|their|a|an|my|your|his|her)\b"
            # "drop the file in the team's folder": a file put somewhere
            rf"|\s+{_FILE_DROPPED}\s+(?:in|into|onto)\s+(?:the|our|their|a|an|my|your|his|her)\b)",
            "purg",
            f"eras(?:e|es|ing){_W}",
            "destroy",
            "truncat",
            f"nuk(?:e|es|ing){_W}",
            rf"tear(?:s|ing)?\s+down{_W}",
            rf"get\s+rid\s+of{_W}",
            # "empty the bucket", not "it might be empty" / "looks almost empty" (a state)
            r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bseems )"
            r"(?<!\blooks )(?<!\bnearly )(?<!\balmost )(?<!\bmostly )(?<!\bpretty )"
            rf"empt(?:y|ies|ying){_W}",
            "decommission",
            "deprovision",
            rf"throw\s+away{_W}",
            rf"clear\s+(?:\S+\s+){{0,3}}?out{_W}",
            rf"clean(?:s|ing)?\s+(?:\S+\s+){{0,4}}?out{_W}",
            f"flush(?:es|ing)?{_W}",
            rf"shred(?:s|ding)?{_W}",
        ),
        "reset": (
            "recreat",
            "re-creat",
            "rebuil",
            r"re-?initiali[sz]",
            f"reset(?:s|ting)?{_W}",
            "reimag",
            r"factory[- ]reset",
            "overwrit",
            r"start\s+(?:\w+\s+){0,3}over" + _W,
            # Terraform: marked to be destroyed and created again on the next apply
            f"taint(?:s|ing)?{_W}",
        ),
        "disable": (
            # "schedule a maintenance window on every service": nothing pages while it lasts
            r"(?:creat|schedul|set\w*\s+up|add|open|start|put|plac|declar)\w*\s+(?:\S+\s+){0,3}?"
            r"(?:maintenance\s+windows?|downtimes?)(?!\w)",
            # a control relaxed, loosened or lifted is weaker for everyone it covers
            f"relax(?:es|ing)?{_W}",
            f"loosen(?:s|ing)?{_W}",
            f"weaken(?:s|ing)?{_W}",
            f"lift(?:s|ing)?{_W}",
            f"waiv(?:e|es|ing){_W}",
            rf"un(?:tick|check)(?:s|ed|ing)?{_W}",
            # "set the WAF rules to count mode": matched requests are only logged
            r"(?:set|put|switch|flip|mov|chang|turn)\w*\s+(?:\S+\s+){0,6}?(?:to|into|in)\s+"
            rf"(?:count|detection|log[- ]only|audit[- ]only)(?:[- ]only)?\s+mode{_W}",
            # a control put in its off state ("put the WAF in disabled mode", "state inactive")
            r"(?:set|put|switch|flip|mov|chang|turn|leav)\w*\s+(?:\S+\s+){0,8}?(?:to|into|in)\s+(?:the\s+)?"
            rf"(?:disabled|inactive|off)\s+(?:mode|state){_W}",
            rf"(?:shorten|reduce|cut|lower|decrease)(?:s|ing)?\s+(?:the\s+)?(?:\S+\s+){{0,3}}?retention{_W}",
            "disabl",
            "deactivat",
            # a control made optional ("make MFA optional for the contractors group")
            r"mak(?:e|es|ing)\s+(?:\S+\s+){0,6}?(?:optional|not\s+required)" + _W,
            # a limit lifted by its value ("raise the login rate limit to unlimited")
            r"(?:set|rais|increas|bump|chang)\w*\s+(?:\S+\s+){0,8}?to\s+(?:unlimited|infinit[ey]|no\s+limit)"
            + _W,
            # a mode switched off by its value ("change enforcing to disabled")
            r"(?:chang|switch|flip)\w*\s+(?:\S+\s+){0,8}?to\s+[\"“'‘]?(?:off|disabled|permissive|not\s+"
            r"required|optional)" + _W,
            rf"turn(?:s|ed|ing)?\s+(?:[^\s.,;]+\s+){{0,3}}?off{_W}",
            rf"switch(?:es|ed|ing)?\s+(?:[^\s.,;]+\s+){{0,3}}?off{_W}",
            rf"shut(?:s|ting)?\s+(?:[^\s.,;]+\s+){{0,3}}?(?:off|down){_W}",
            rf"power(?:s|ed|ing)?\s+(?:[^\s.,;]+\s+){{0,4}}?(?:off|down){_W}",
            # "scale the checkout deployment in production down to zero": nothing left running
            r"scal(?:e|es|ing)\s+(?:[^\s.,;]+\s+){0,8}?(?:down\s+)?to\s+(?:0|zero)(?!\w)",
            f"mut(?:e|es|ing){_W}",
            f"silenc(?:e|es|ing){_W}",
            f"paus(?:e|es|ing){_W}",
            f"suspend(?:s|ing)?{_W}",
            f"stop(?:s|ping)?{_W}",
            f"snooz(?:e|es|ing){_W}",
            "unenrol",
            f"uninstall(?:s|ing)?{_W}",
            f"kill(?:s|ing)?{_W}",
            rf"opt(?:s|ing)?\s+out{_W}",
            # "cancel the offsite backup subscription" (not "cancel the meeting with …")
            r"cancel(?:s|led|ling)?\s+(?:\S+\s+){0,3}?(?:backups?|snapshots?|replication|"
            r"versioning)(?!\w)(?!\s+(?:\S+\s+)?(?:jobs?|exports?|restores?|runs?|tasks?|tests?)\b)",
            rf"lower(?:s|ing)?\s+the\s+retention{_W}",
            # "set the retention on the prod snapshots to zero days": nothing is kept
            rf"set(?:s|ting)?\s+(?:\S+\s+){{0,3}}?retention\s+(?:\S+\s+){{0,6}}?to\s+(?:0|zero|none){_W}",
            # "set the retention on the orders topic to one minute": gone within minutes
            r"set(?:s|ting)?\s+(?:\S+\s+){0,3}?retention\s+(?:\S+\s+){0,6}?to\s+(?:an?|one|two|"
            r"five|ten|few|\d+)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|ms|milliseconds?)"
            + _W,
            # "set the audit log retention to one day": yesterday's trail is already gone
            r"set(?:s|ting)?\s+(?:\S+\s+){0,3}?retention\s+(?:\S+\s+){0,6}?to\s+(?:a|one|1)\s+days?"
            + _W,
            # "set SSL to Off", "set the MFA enrollment policy to 'Not required'"
            # ("set the Cloudflare WAF managed ruleset for api.acme.example to Off", "set the MFA
            # enrollment policy for the Everyone group to Not required")
            rf"set(?:s|ting)?\s+(?:[^\s;]+\s+){{0,14}}?to\s+[\"“'‘]?(?:off|disabled|not\s+required|optional|"
            rf"never){_W}",
        ),
        "bypass": (
            r"force\s+(?:the\s+|a\s+|this\s+)?(?:merge|push|deploy|release)",
            "bypass",
            "circumvent",
            f"skip(?:s|ping)?{_W}",
            "overrid",
            rf"get\s+around{_W}",
            rf"work\s+around{_W}",
            r"force[- ](?:merg|push)",
            # not the sign-off "feel free to ignore (this) if …": the message itself
            r"(?<!free to )ignor(?:e|es|ing)(?!\w)(?!\s+(?:(?:this|me|it|that)\s+)?if\b)",
            "sidestep",
            "exempt",
            # left out of what a control covers ("exclude the whole C: drive from Defender
            # scanning", "exclude the Contractors group from the Require MFA policy"); judged
            # as a bypass, so only a control or a gate makes it risky (not "exclude the tmp
            # folder from the backup")
            f"exclud(?:e|es|ing){_W}",
            # "merge it without the required review": the gate named after the verb
            rf"(?:merg|push|deploy|ship|releas)(?:e|es|ing)?\s+(?:\S+\s+){{0,3}}?without{_W}",
        ),
        "grant": (
            # ownership handed over ("transfer ownership of the store to the freelancer")
            r"transfer(?:s|ring)?(?=\s+(?:\S+\s+){0,4}?ownership\b)",
            # "hand the contractor owner rights"; not "by hand", "on the other hand"
            r"(?<!\bby )(?<!\bother )(?<!\bfirst )hand(?:s|ing)?(?![\w-])",
            rf"set(?:s|ting)?\s+(?:\S+\s+){{1,5}}?as{_W}",  # "set X as owner"
            # "mark the OAuth app as Trusted": an app let into every user's data
            r"mark(?:s|ing)?\s+(?:\S+\s+){0,4}?(?:apps?|applications?|integrations?|clients?|add-?ons?|"
            rf"extensions?|plugins?)['\"”’]?\s+as\s+['\"“‘]?trusted{_W}",
            "grant",
            f"giv(?:e|es|ing){_W}",
            "promot",
            "elevat",
            "assign",
            rf"make(?!\s+sure){_W}",
            f"add(?:s|ing)?{_W}",
            "upgrad",
            f"bind(?:s|ing)?{_W}",  # "bind the vendor's service account to cluster-admin"
        ),
        "share": (
            # "make the Jenkins server reachable from the internet": who may reach it, set
            r"mak(?:e|es|ing)\s+(?:\S+\s+){0,6}?(?:reachable|accessible)(?=\s+(?:from|to|on|over|via)\b)"
            r"(?![^.;\n]{0,60}?\bonly\b)",
            # a private place converted to a public one ("convert #leadership to a public channel")
            r"(?:convert|turn|switch|chang)(?:s|ed|ing|e|es)?\s+(?:\S+\s+){0,6}?(?:to|into)\s+(?:an?\s+)?public"
            + _W,
            f"shar(?:e|es|ing){_W}",
            "invit",
            f"add(?:s|ing)?{_W}",
            rf"connect(?:s|ing)?{_W}",
            "publish",
            f"expos(?:e|es|ing){_W}",
            rf"mak(?:e|es|ing)(?!\s+sure)\s+(?:\S+\s+){{0,6}}?public(?:ly)?{_W}",
            rf"open(?:s|ing)?\s+(?:\w+\s+){{0,3}}up{_W}",
            # "change the general access to 'Anyone with the link'": who may open it
            rf"chang(?:e|es|ing)\s+(?:\S+\s+){{0,3}}?(?:access|sharing|visibility|permissions?){_W}",
            # a console's public or anonymous sharing turned on ("turn on public links for the
            # whole site", "enable anonymous access to the space")
            r"(?:turn(?:s|ing)?\s+on|enabl(?:e|es|ing)|allow(?:s|ing)?)(?=\s+(?:\S+\s+){0,3}?(?:public|anonymous|"
            r"guest)\s+(?:links?|access|sharing|viewing)\b)",
            # "set the Browse Projects permission of HR-Cases to 'Anyone on the web'", "set
            # the default link sharing to 'Public on the web'": who may open it, set
            rf"set(?:s|ting)?\s+(?:\S+\s+){{0,4}}?(?:access|sharing|visibility|permissions?)"
            rf"(?=\s+(?:\S+\s+){{0,8}}?to\s){_W}",
        ),
        "move": (
            # saved into a personal place ("save the zip to your personal Dropbox"): moved
            # there; saved in the vault or the team drive, it stays where it was kept
            r"sav(?:e|es|ing)\s+(?:\S+\s+){0,8}?(?:to|into|in|on|onto)"
            r"(?=[^.;,\n]{0,30}?\b(?:personal|private|home)\b|\s+(?:my|your|his|her|their)\s+(?:own\s+)?"
            r"(?:dropbox|google\s+drive|onedrive|icloud|gmail|laptop|phone|usb))",
            # imported into a place ("import the whole donor database into his Notion",
            # "… there"): moved where that place's owner reads it
            r"import(?:s|ing)?\s+(?:\S+\s+){0,8}?(?:into|to|there)(?!\w)",
            rf"hand(?:s|ing)?(?:\s+over)?{_W}",
            f"send(?:s|ing)?{_W}",
            f"post(?:s|ing)?{_W}",
            f"past(?:e|es|ing){_W}",
            "upload",
            "forward",
            f"cop(?:y|ies|ying){_W}",
            r"e-?mail(?:s|ing)?" + _W,
            f"mail(?:s|ing)?{_W}",  # "mail the distributor the sheet"
            f"dm(?:s|ing)?{_W}",
            f"put(?:s|ting)?{_W}",
            "attach",
            f"sync(?:s|ing)?{_W}",
            "transfer",
            f"mov(?:e|es|ing){_W}",
            rf"fe(?:ed|eds|eding){_W}",
            # "drop the notes into the shared channel": put somewhere (not a table destroyed)
            r"drop(?:s|ping)?\s+(?:(?!tables?\b|schemas?\b|databases?\b)\S+\s+){1,8}?(?:into|onto)"
            r"(?=\s+(?:the|our|their|a|an|my|your|his|her)\b)",
            # "drop the file in the team's Drive folder": a file put somewhere
            rf"drop(?:s|ping)?\s+{_FILE_DROPPED}\s+(?:in|into|onto)"
            r"(?=\s+(?:the|our|their|a|an|my|your|his|her)\b)",
            # "drop the value in this thread": a value left where others read it
            r"drop(?:s|ping)?\s+(?:it|them|that|the\s+(?:value|output|result|token|key|password|secret|string)s?)\s+(?:in|into)\b",
            # "pin the output in #oncall", "leave what it prints on the ticket": a value
            # left where others read it
            r"(?:pin|stick|leave)(?:s|ned|ning|ing)?\s+(?:\S+\s+){0,8}?"
            r"(?:in|into|on|to|at\s+the\s+top\s+of)\s+(?:#[\w-]+|(?:the|this|that|our|their)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:thread|channel|ticket|chat|wiki|doc|page|runbook|sheet|issue|pr|canvas)s?\b)",
            "submit",
            f"text(?:s|ing)?{_W}",
            "airdrop",
            f"push(?:es|ing)?{_W}",
            rf"run(?:s|ning)?\s+(?:\w+\s+){{0,4}}through{_W}",
        ),
        "export": (
            "export",
            "download",
            # a menu item clicked in a database or BI tool ("hit *Export Data → CSV*",
            # "click Download full results"): the export is the click
            r"(?:hit|click|press|choose|select|pick|use)(?:s|ing)?\s+(?:on\s+)?(?:the\s+)?[*_\"'“`]*"
            r"(?:export|download|save\s+as)",
            f"dump(?:s|ing)?{_W}",
            f"extract(?:s|ing)?{_W}",
            rf"pull(?:s|ing)?\s+(?:\S+\s+){{0,4}}?(?:out|down){_W}",
            # a recurring export or feed set up ("set up a scheduled export in Workday that
            # sends …", "schedule a nightly extract of …"): each run is the export
            r"(?:set(?:s|ting)?\s+up|schedul(?:e|es|ing)|configur(?:e|es|ing)|creat(?:e|es|ing)|"
            r"automat(?:e|es|ing))\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:exports?|extracts?|feeds?|"
            r"dumps?|data\s+transfers?)" + _W,
            # an export run or a file of records asked for ("run a full export of the Zendesk
            # users", "get me a spreadsheet with every subscriber's email")
            r"(?:run|do|take|kick\s+off|start)(?:s|ning|ing)?\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:exports?|extracts?|dumps?)(?=\s+(?:of|from|with)\b)",
            r"(?:get|grab|pull|make|put\s+together)(?:s|ting)?\s+(?:me|us)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
            r"(?:csv|spreadsheet|excel(?:\s+file)?|xlsx|sheet|list|file|dump|export|extract)" + _W,
            # a report run over people ("generate the full employee report and download it")
            # ("pull the same report from ADP for all entities", "run the cancellation report in
            # Chargebee for all time"): the tool it is run in may be named first
            r"(?:generat(?:e|es|ing)|run(?:s|ning)?|build(?:s|ing)?|pull(?:s|ing)?)\s+(?:a|an|the)\s+"
            r"(?:[\w-]+\s+){0,3}?report(?=\s+(?:(?:from|in|out\s+of)\s+[\w.-]+\s+)?(?:of|with|on|listing|for)"
            r"\s+(?:all|every|each|the\s+(?:whole|entire|full)))",
        ),
        "open": (
            # "pipe it into bash": run as it arrives, unread whoever wrote it (`intent._kinds`)
            r"pip(?:e|es|ing)(?=\s+(?:\S+\s+){0,3}?(?:in)?to\s+(?:sudo\s+)?(?:bash|sh|zsh|powershell|pwsh|"
            r"iex|a\s+shell)(?!\w))",
            r"(?:white|allow)-?list(?:s|ing)?" + _W,  # "allowlist 0.0.0.0/0 on port 22"
            # a firewall or security-group rule added or created: what it lets in is the
            # opening ("add an inbound rule for TCP 5432 from 0.0.0.0/0"; "Inbound rule: TCP
            # 22, source 0.0.0.0/0" as a runbook's label); not a deny or block rule
            r"(?:add|creat|insert|append)\w*\s+(?:(?!deny|block|drop|reject)\S+\s+){0,3}?rules?"
            + _W,
            r"(?:inbound|ingress)\s+rules?\s*:",
            # a port forward or NAT rule set up: the port is opened
            r"set(?:s|ting)?\s+up\s+(?:\S+\s+){0,2}?"
            r"(?:port[- ]?forward\w*|(?:nat|dnat)\s+rules?|port\s+mappings?)",
            f"allow(?:s|ing)?{_W}",
            f"open(?:s|ing)?{_W}",
            f"enabl(?:e|es|ing){_W}",
            f"run(?:s|ning)?{_W}",
            "execut",
            "launch",
            "install",
            # a runner that fetches a package and runs it in one step ("next step: npx
            # fix-node-gyp-now --apply"): the command word is the verb
            rf"(?:npx|bunx|pnpx|uvx){_W}",
            r"(?:pnpm|yarn)\s+dlx" + _W,
            r"(?:pipx\s+run|npm\s+exec)" + _W,
            # installed from outside the store ("sideload the APK onto the scanners")
            "sideload",
            # code pasted or piped into a shell runs there ("paste it into an elevated prompt",
            # "pipe the install script straight into bash")
            r"past(?:e|es|ing)\s+(?:\S+\s+){0,6}?(?:in|into)\s+(?:an?\s+|the\s+|your\s+)?(?:elevated\s+|"
            r"admin\s+)?(?:terminal|shell|powershell|(?:command\s+)?prompt|console|cmd)" + _W,
            r"pip(?:e|es|ing)\s+(?:\S+\s+){0,8}?(?:in)?to\s+(?:sudo\s+)?(?:bash|sh|zsh|shell|powershell|"
            r"iex|python3?)" + _W,
            r"double[- ]click",
            f"click(?:s|ing)?{_W}",
        ),
        # ---------------------------------------------------------------- objects
        "data": (
            # internal pricing: confidential business data
            r"internal\s+(?:pricing|prices|price\s+lists?|margins|costs)",
            f"drive{_W}",
            "database",
            f"dbs?{_W}",
            "schema",
            "ledger",
            "dataset",
            "warehouse",
            "bucket",
            f"records{_W}",
            "keyspace",
            "mailbox",
            "repositor",
            f"repos?{_W}",
            f"(?<!no-)data{_W}(?!\\s*rooms?)",  # a data room is a place; `--no-data` keeps it out
            "archive",
            f"crm{_W}",
            f"history{_W}",
            f"tables{_W}",
            # data stores named by product: "reset the production Postgres"
            rf"(?:postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|redis|elasticsearch|opensearch|"
            rf"cassandra|dynamo(?:db)?|cockroach(?:db)?|clickhouse|bigquery|snowflake|rds|aurora){_W}",
            f"recordings{_W}",
            # a whole mailbox ("all of the CFO's email"), not where one goes ("to her email")
            r"all\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?\w+(?:'s|s')\s+(?:e-?mails?|mail|inbox)",
        ),
        "data_weak": (
            # a workspace holds projects and files: deleting a whole one deletes them
            # not the company's own tenant ("the Google Workspace", "our workspace")
            r"(?<!google\s)(?<!our\s)workspaces?(?!\w)(?!\s+(?:admin|console))",
            f"(?:work|note)books?{_W}",
            f"recording{_W}",
            f"presentations?{_W}",
            f"dashboards?{_W}",
            f"table{_W}",
            f"files?{_W}",
            "folder",
            "branch",
            f"documents?{_W}",
            f"docs?{_W}",
            f"sheets?{_W}",
            "spreadsheet",
            f"lists?{_W}",
            f"exports?{_W}",
            f"reports?{_W}",
            f"server{_W}",
            f"servers{_W}",
            f"instances?{_W}",
            f"services?{_W}",
            f"environments?{_W}",
            f"projects?{_W}",
            f"deployments?{_W}",
            f"vms?{_W}",
            f"volumes?{_W}",
            f"channels?{_W}",
            f"logs{_W}",
            r"log(?!\w)(?!\s+(?:in|on|out)\b)",  # "log in" is a verb
            f"csvs?{_W}",
            f"zips?{_W}",
            f"transcripts?{_W}",
            # "tear down the payments-prod stack", "delete the prod Kafka topic"
            f"stacks?{_W}(?!\\s+traces?)",  # not a stack trace
            f"topics?{_W}",
            # the records a business console holds (CRM, helpdesk, ATS, inbox): deleting
            # all of them is deleting the data; one or a few is housekeeping
            f"contacts?{_W}",
            rf"end[- ]users{_W}",
            f"tickets?{_W}",
            f"conversations?{_W}",
            f"deals?{_W}",
            f"leads{_W}",
            r"opportunit(?:y|ies)" + _W,
            f"candidates?{_W}",
            f"profiles?{_W}",
            f"submissions?{_W}",
            r"(?:interview|case|call)\s+notes" + _W,
        ),
        "system": (
            # a key that encrypts data (destroying it destroys the data), a DNS zone, a release
            r"(?:kms|cmk|customer[- ]managed|encryption)\s+keys?" + _W,
            r"hosted\s+zones?" + _W,
            r"helm\s+(?:release|chart)s?" + _W,
            "cluster",
            f"vpcs?{_W}",
            "namespace",
            "infrastructure",
            f"infra{_W}",
            "tenant",
            f"organi[sz]ation{_W}",
            f"subscription{_W}",
            r"dns\s+zone",
            "kubernetes",
            f"k8s{_W}",
            r"node\s+pool",
            r"resource\s+groups?",
            # the edge and the names a whole service hangs on; a cloud account or project
            rf"load[- ]?balancers?{_W}",
            r"hosted\s+zones?",
            rf"(?:aws|gcp|azure|cloud)\s+(?:account|project|org)s?{_W}",
        ),
        "backup": (
            # a console's way back: old versions, the trash, recovery of deleted files
            r"(?:extended\s+)?version\s+histor(?:y|ies)",
            r"(?:previous|old|older|prior)\s+versions",
            r"(?:file|deleted[- ]files?)\s+recovery",
            r"(?:the|your|their|its|all|every|users'?|everyone's)\s+(?:\w+\s+){0,2}?trash(?:\s+(?:bin|can|folder))?(?!\w)",
            r"deleted\s+(?:\w+\s+)?(?:view|folder)",
            r"recycle\s+bins?",
            r"second-stage\s+bin",
            r"deleted\s+items",
            r"legal\s+hold",
            "backup",
            "back-up",
            "snapshot",
            f"vault{_W}",
            r"point[- ]in[- ]time(?:\s+recovery)?",
            f"pitr{_W}",
            "replica",
            "retention",
            "versioning",
            r"(?:disaster|point-in-time)\s+recovery",
            r"restore\s+points?",
            r"soft[- ]delete",
            r"object\s+lock",
            r"deletion\s+protection",
            r"time\s+travel",
        ),
        "control": (
            # what stops a payment going out unchecked: fraud screening and a second person
            # ("turn off the fraud rules", "switch off the second-approver requirement")
            r"(?:fraud|chargeback)\s+(?:detection|screening|rules?|checks?|filters?|prevention|"
            r"protection|scoring|engine|controls?|blocking)",
            r"anti-?fraud",
            r"(?:second|2nd|dual|double)[- ](?:approv\w+|sign[- ]?offs?|signatures?|signers?|"
            r"authori[sz]ations?)",
            r"four[- ]eyes",
            r"two[- ](?:person|man|people)\s+(?:rule|approval|control|review|integrity)",
            r"maker[- ]checker",
            r"segregation\s+of\s+duties",
            r"two[- ]step(?:\s+verification)?",
            r"2-?step\s+verification",
            f"2sv{_W}",
            *CONTROL_PRODUCTS,
            r"guard\s*duty",
            # confinement and enforcement by name ("change enforcing to disabled")
            r"selinux|apparmor",
            r"enforc(?:ing|ement)(?:\s+mode)?" + _W,
            # a repository's rules on its branches ("remove the ruleset that requires reviews")
            f"rulesets?{_W}",
            r"security\s*hub",
            r"safe\s+(?:links|attachments)",
            r"siem(?!\w)",
            r"(?:microsoft\s+)?sentinel\s+(?:analytics|rules?|connectors?|workspace)",
            r"conditional\s+access",
            r"(?:sign[- ]?in|log[- ]?in|user)\s+risk",
            r"(?:risk|threat|anomaly|intrusion|malware)\s+detection",
            r"risk[- ]based\s+(?:auth\w*|polic\w*|access)",
            "defender",
            r"endpoint\s+(?:protection|security|agent)",
            r"device\s+control",
            r"usb\s+block\w*",
            r"attachment\s+scanning",
            f"mfa{_W}",
            f"2fa{_W}",
            r"two[- ]factor",
            r"multi[- ]factor",
            f"sso{_W}",
            # the control, not the event ("before the audit")
            r"audit(?:d|ing)(?!\w)",
            r"audit[\s-]*(?:logs?|logging|trails?|polic\w*|configs?|rules?|settings?|events?|records?)",
            r"(?<!debug )(?<!verbose )(?<!trace )logging",
            "cloudtrail",
            "firewall",
            f"waf{_W}",
            "antivirus",
            f"edr{_W}",
            "crowdstrike",
            f"dlp{_W}",
            "encryption",
            r"branch\s+protection",
            "protection",
            # not the team things are reported to ("report it to security", "the security team")
            r"(?<!to )(?<!with )(?<!cc )security(?!\s+(?:team|desk|folks|people|on-?call|review))",
            "scanning",
            "guardrail",
            r"rate\s+limit",
            "captcha",
            r"password\s+polic",
            "lockout",
            r"session\s+timeout",
            r"allow\s*-?\s*lists?",
            f"sensors?{_W}",
            r"password\s+(?:length|complexity|requirements?|rules?|expiry)",
            # transport security by its settings' names ("Always Use HTTPS", "SSL to Off")
            r"always\s+use\s+https",
            r"(?:ssl|tls|https)\s+(?:verification|enforcement|redirects?|only|mode|encryption)",
            f"hsts{_W}",
            f"ssl{_W}",
            r"certificate\s+(?:verification|validation|checks?)",
        ),
        "alerting": (
            *PAGERS,
            r"alert(?!\s+button)",
            "alarm",
            "monitor",
            "pager",
            "paging",
            r"on[- ]call",
            "notification",
        ),
        "network": (
            r"(?:admin|management|internal)\s+(?:dashboard|console|panel|portal|ui|interface)s?",
            r"public\s+ips?",
            r"(?:all|authorized)\s+networks",
            f"ports?{_W}",
            f"ssh{_W}",
            f"rdp{_W}",
            r"firewall\s+rules?",
            r"security\s+groups?",
            "ingress",
            r"0\.0\.0\.0",
            r"ip\s+ranges?",
            *PORT_SPECS,
        ),
        "gate": (
            *GATE_SETTINGS,
            f"reviews?{_W}",
            "approval",
            "codeowners",
            r"required\s+(?:checks?|reviews?|status)",
            f"ci{_W}",
            # health, uptime and probe checks watch a service; they gate nothing
            r"(?<!health\s)(?<!health-)(?<!uptime\s)(?<!liveness\s)(?<!readiness\s)"
            rf"(?<!synthetic\s)(?<!heartbeat\s)(?<!ping\s)checks{_W}",
            r"sign[- ]off",
            r"change\s+freeze",
            # a branch rule by its setting's name ("Require a pull request before merging")
            r"require\s+(?:a\s+)?pull\s+requests?",
            r"(?:pull\s+request|pr)\s+(?:reviews?|approvals?)",
            r"status\s+checks?",
            r"signed\s+commits?",
        ),
        "secret": (
            r"service\s+account\s+keys?",
            r"(?:signing|private|api|access|secret|ssh|encryption|master|root|deploy|gpg|pgp|"
            r"license)\s+keys?" + _W,
            # a payment or platform provider's key by its brand ("the Stripe key", "our live
            # Twilio key"): a credential, whatever word sits between
            r"(?:stripe|twilio|sendgrid|openai|anthropic|paypal|braintree|adyen|mailgun|"
            r"mailchimp|datadog|github|gitlab|slack|shopify|algolia|mapbox|plaid|square)"
            r"\s+(?:(?:live|prod(?:uction)?|test|secret|api|admin|webhook|signing)\s+)*keys?" + _W,
            f"secrets?{_W}",
            "password",
            "passphrase",
            "credential",
            f"creds{_W}",
            f"tokens?{_W}",
            # not the trust store (`/usr/local/share/ca-certificates`, `update-ca-certificates`):
            # the public CA certificates every machine holds
            f"(?<!ca-)certificates?{_W}(?!\\s+(?:errors?|warnings?|chains?|problems?))",
            r"\.env(?![\w.])",
            "keystore",
            r"recovery\s+codes?",
            r"seed\s+phrase",
            r"connection\s+strings?",
            "kubeconfig",
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            *SECRET_FILES,
        ),
        "pii": (
            # what is sent carries personal fields ("the export with names, résumés and phones")
            r"with\s+(?:their\s+|the\s+|full\s+|all\s+)?(?:names|phone\s+numbers|home\s+addresses|"
            r"résumés|resumes|cvs|dates\s+of\s+birth|bank\s+details)(?!\w)",
            # "the survey responses with respondent emails": whose fields, named by who they are
            r"with\s+(?:their\s+)?(?:respondent|participant|customer|user|member|subscriber|employee|"
            r"patient|student|applicant|candidate|contact|donor|client|attendee)s?\s+"
            r"(?:names|e-?mails|e-?mail\s+addresses|phone\s+numbers|phones|addresses)(?!\w)",
            # a whole set of people's records ("the whole donor database", "the full applicant
            # export", "our lead list", "all the candidate records"): personal data in bulk
            r"(?:candidate|applicant|patient|student|pupil|lead|member|subscriber|donor|prospect|"
            r"volunteer|alumni|attendee|contact)s?(?:'s|')?\s+(?:database|db|list|lists|base|"
            r"exports?|extracts?|pool|roster|register|records|files?|profiles)(?!\w)",
            r"(?:résumés|resumes|cvs)\s*(?:,\s*(?:and\s+)?|and\s+)" + _FIELD + _W,
            r"(?:per|individual)[- ](?:customer|user|patient|employee|account)s?",
            r"(?:customer|user|patient|employee|account)[- ]level",
            r"customers?(?:'s|')?\s+(?:tables?|tabs?|rows|files?|csvs?|sheets?|spreadsheets?|workbooks?|database)",
            "patient",
            r"customers?(?:'s|')?\s+(?:list|emails?|records|data|contacts|details|complaints|"
            r"addresses|phone|accounts|exports?)",
            r"personal\s+data",
            f"pii{_W}",
            f"ssns?{_W}",
            r"social\s+security",
            "salar",
            "payroll",
            r"employees?(?:'s|')?\s+(?:list|records|data|salar|details|files)",
            "medical",
            r"health\s+records",
            "passport",
            r"credit\s+cards?",
            r"card\s+details",
            r"billing\s+(?:details|address(?:es)?|info)",
            r"card\s+numbers",
            r"dates?\s+of\s+birth",
            r"home\s+address",
            r"phone\s+numbers",
            r"e-?mail\s+addresses",
            f"contracts?{_W}",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            f"{_ACTOR}legal{_W}(?!['’]s)",
            r"board(?!\s+deck)",
            r"user\s+(?:list|emails|records|data)",
            # every column of a table of people ("SELECT * FROM users", in any language's
            # table names)
            r"select\s+\*\s+from\s+(?:[\w-]+\.)?(?:users|customers|clients|patients|employees|"
            r"members|subscribers|contacts|accounts|kunden|mitarbeiter|clientes|usuarios|"
            r"utilisateurs|pacientes|funcionarios|empleados|adherents|usuários)(?!\w)",
            # a table, list or field of people ("the users table", "customer names",
            # "the names of the affected customers", "names and emails")
            r"(?:users?|members?|subscribers?|patients?|employees?|clients?|contacts?|applicants?|"
            r"candidates?|customers?)(?:'s|')?\s+(?:tables?|collections?|names|emails|e-mail\s+"
            r"addresses|phones?|phone\s+numbers|addresses|records|details|csvs?|spreadsheets?)"
            + _W,
            r"names\s+of\s+(?:the\s+|our\s+|all\s+|every\s+)?(?:\w+\s+)?(?:customers|users|"
            r"patients|employees|members|subscribers|clients|applicants|candidates|people|staff)"
            + _W,
            r"names\s*(?:,|and|&)\s*(?:e-?mails?|phones?|phone\s+numbers|addresses)" + _W,
            # two personal fields listed together, in any order ("card BINs, emails and
            # addresses", "user IDs, purchase histories and emails"): records of people
            rf"{_FIELD}\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:their\s+)?{_FIELD}{_W}",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            f"{_ACTOR}hr{_W}(?!['’]s)",
            f"invoices{_W}",
            "financial",
            r"board\s+deck",
            r"source\s+code",
            "confidential",
        ),
        "people": (
            # a quantifier over the people a system holds, or the conversations and tickets
            # they wrote ("every customer", "all of our subscribers", "all conversations");
            # not accounts (a cloud's), nor a count ("the number of customers")
            r"(?:all|every|entire|whole|full)\s+(?:of\s+)?(?:the\s+|our\s+|your\s+|their\s+|its\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:customers?|users?|contacts?|subscribers?|members?|employees?|"
            r"patients?|clients?|candidates?|applicants?|leads?|donors?|students?|end[- ]users?|"
            r"people|staff|audiences?|conversations?|tickets?|chats?|guests?|shoppers?|buyers?|"
            # records that each belong to one person: a hospital's, an insurer's, a bank's
            r"encounters?|admissions?|discharges?|prescriptions?|diagnos[ie]s|lab\s+results?|"
            r"medical\s+records?|health\s+records?|policyholders?|beneficiar(?:y|ies)|insureds?|"
            r"claimants?|cardholders?|account\s*holders?|borrowers?|payslips?|passengers?)" + _W,
            # the whole population by its collective noun ("the customer base", "the employee
            # census", "the member directory")
            r"(?:customer|user|member|subscriber|client|contact|patient|employee|donor|student)s?\s+"
            r"(?:base|census|directory|roster|audience|master\s+list)" + _W,
            # a table or collection of people is every one of them ("the users table")
            r"(?:customers?|users?|members?|subscribers?|patients?|employees?|clients?|contacts?)"
            r"(?:'s|')?\s+(?:tables?|collections?)" + _W,
        ),
        "governed": (
            r"(?:load|ingest|import|land|sync)\w*\s+(?:it|them|the\s+\w+|this)?\s*(?:[\w-]+\s+){0,2}?into\s+"
            r"(?:the\s+[\w-]+\s+(?:schema|dataset|layer)\s+of\s+)?our\s+(?:own\s+|internal\s+)?(?:[\w-]+\s+)?"
            r"(?:data\s+)?(?:warehouse|lake|lakehouse|dwh)",
        ),
        "admin": tuple(
            word + _NOT_META
            for word in (
                # not an admin role scoped to one area of a console ("Help Desk Admin",
                # "License Administrator", "project admin"): it resets passwords or assigns
                # seats, it does not control everything
                r"(?<!google )(?<!help desk )(?<!helpdesk )(?<!license )(?<!licence )(?<!billing )"
                r"(?<!password )(?<!report )(?<!reports )(?<!project )(?<!app )(?<!application )"
                r"(?<!channel )(?<!calendar )(?<!user management )"
                r"(?:super\s*-?\s*)?admin(?:istrator)?s?",
                r"owners?(?!['’])",  # not "the data owner's sign-off": a person
                "superusers?",
                r"root\s+access",
                "sudo",
                r"full\s+(?:access|control)",
                # a whole store, workspace or account owned ("transfer ownership of the store");
                # not a leaver's files handed to their manager ("ownership of his Drive")
                r"ownership\s+of\s+(?:the\s+|our\s+|this\s+|your\s+)?(?:[\w-]+\s+){0,2}?(?:store|shop|"
                r"workspace|organi[sz]ation|org|account|tenant|company|instance|site|domain)s?",
                r"(?:store|shop|workspace|organi[sz]ation|org|account|tenant|company)\s+ownership",
                # an OAuth app marked trusted reaches every user's data ("mark the app as Trusted")
                r"(?<=as\s)trusted",
                # access to every record of a kind ("with access to all tickets")
                r"(?:access|rights?|permissions?)\s+(?:to\s+|on\s+|over\s+)?(?:all|every)\s+(?:the\s+)?"
                r"(?:[\w-]+\s+){0,2}?(?:tickets|records|data|files|folders|channels|projects|"
                r"customers|contacts|mailboxes|repos|repositories|spaces|conversations|objects|"
                r"documents|teams|sites)",
                r"all\s+permissions",
                "privileged",
                # database server roles that own everything ("db_owner on Billing")
                r"db_owner|sysadmin|securityadmin|rds_superuser|cloudsqlsuperuser",
                # an ERP's all-powerful profiles ("the SAP_ALL profile")
                r"sap_(?:all|new)",
            )
        ),
        "untrusted": (
            # where the message itself says the code came from nobody accountable: a file host
            # or a re-upload, a chat server, a forum, an account made yesterday, a binary with
            # no source, unsigned, the attacker's own ransom note
            r"file[- ]?(?:sharing|hosting|host|locker)\s+(?:site|service|link|page)s?",
            r"(?:re-?upload|mirror)(?:ed|s)\s+(?:it\s+|(?:an?|the)\s+(?:\S+\s+){0,3}?)?(?:to|on)\b",
            # the thing first, then the unnamed outsider ("the installer that a guy on Discord
            # posted")
            r"(?:scripts?|binar(?:y|ies)|installers?|executables?|tools?|plugins?|patch(?:es)?|"
            r"extensions?)\s+(?:that\s+|which\s+)?(?:a|some)\s+(?:contractor|freelancer|guy|person|"
            r"user|rando|stranger)\b",
            # put up on a chat server (where it came from, not where something is posted to)
            r"(?:uploaded|posted|shared|dropped|found|got)\s+(?:\S+\s+){0,5}?(?:to|on|in|from)\s+(?:a|the|some|that|this)\s+"
            r"(?:discord|telegram)\s+(?:server|group|channel)s?",
            r"(?:on|from|in)\s+(?:a|an|some|this|that)\s+(?:[\w-]+\s+){0,2}?(?:forum|message\s+board|imageboard)s?\b",
            r"(?:published|uploaded|released|pushed|created|registered)\s+(?:only\s+|just\s+)?(?:yesterday|today|"
            r"(?:an?|one|two|three|a\s+few|\d+)\s+(?:hours?|days?)\s+ago|last\s+night)\s+by",
            r"(?:brand[- ]new|newly[- ]created|throwaway|anonymous)\s+(?:\S+\s+)?(?:accounts?|"
            r"publishers?|maintainers?|authors?|uploaders?|profiles?)",
            r"accounts?\s+(?:with\s+no|without\s+(?:any\s+)?)\s*(?:history|other\s+packages|reputation)",
            r"(?<![\d,.])\d{1,2}\s+(?:weekly\s+|total\s+|monthly\s+)?downloads",
            r"with\s+no\s+source(?:\s+code)?(?![\w-])",
            r"(?:binar(?:y|ies)|tools?|installers?|packages?|executables?)\s*,\s*no\s+source(?:\s+code)?(?![\w-])",
            r"without\s+(?:any\s+)?source\s+code",
            r"(?:it'?s|is|it\s+is|they'?re|are)\s+(?:not\s+(?:code[- ])?signed|unsigned)",
            r"unsigned\s+(?:\S+\s+)?(?:binar(?:y|ies)|installers?|drivers?|packages?|executables?|apps?|plugins?|extensions?|files?)",
            r"(?:bare|raw)\s+ip(?:\s+address)?",
            r"(?:download|install)\s+(?:page|link|site|url)\s+is\s+(?:just\s+)?an?\s+ip\b",
            r"ransom(?:ware)?\s+(?:note|message|demand|letter)s?",
            r"not\s+(?:in|on|from)\s+(?:the\s+)?(?:official\s+)?(?:update\s+cent(?:er|re)|marketplace|app\s+store|"
            r"plugin\s+(?:directory|index|site)|registry)",
            r"(?:consultant|vendor|contractor|visitor|supplier|customer)(?:'s)?\s+(?:\S+\s+){0,3}?(?:usb|thumb\s+drive|"
            r"flash\s+drive|memory\s+stick)",
            r"(?:the|a|an)\s+(?:unknown\s+)?caller(?!\s+id)",
            r"someone\s+(?:\S+\s+){0,2}?(?:linked|posted|shared|recommended|dm.?ed)",
            # an unnamed outsider ("a contractor shared a setup.sh", "some guy on the forum sent")
            r"(?:a|some)\s+(?:contractor|freelancer|guy|person|user|consultant|rando)\s+"
            r"(?:\S+\s+){0,3}?(?:shared|sent|posted|dm.?ed|linked|recommended)\s+(?:\S+\s+){0,3}?"
            r"(?:scripts?|binar(?:y|ies)|installers?|executables?|tools?|patch(?:es)?|"
            r"[\w-]+\.(?:sh|ps1|py|exe|bat|msi|bin|jar|deb|rpm))\b",
            # code run unread is unvetted whoever wrote it
            r"(?:no\s+need\s+to|don'?t\s+(?:bother\s+to\s+)?|without\s+)"
            r"(?:read(?:ing)?|check(?:ing)?|review(?:ing)?|look(?:ing)?\s+(?:at|over|through))\s+(?:it|them|the\s+(?:script|code|file|binary))\b",
            r"(?:reddit|discord|telegram|twitter|tiktok)\s+(?:thread|post|comment|user|group|channel)",
            r"found\s+(?:in|on)\s+the\s+(?:parking|street|lobby|floor)",
            # "the supposed invoice"; not "they are supposed to get access" (expected to)
            r"(?:supposed(?!\s+to\b)|so-called|alleged)",
            r"claim(?:s|ing)\s+to\s+be",
            r"\.(?:vsix|apk|msi|dmg|crx|jar)" + _W,
            "macro",
            r"enable\s+(?:content|editing)",
            "stranger",
            # "that random GitHub gist", "some sketchy pastebin script": nobody vouches for it
            r"(?:random|sketchy|shady|dodgy|unvetted|unverified)\s+(?:\S+\s+)?(?:gists?|pastebins?|"
            r"pastes?|repos?|repositor(?:y|ies)|scripts?|one-liners?|binar(?:y|ies)|installers?|"
            r"forum\s+posts?|blog\s+posts?|websites?|sites?|links?|packages?|extensions?)" + _W,
            r"unknown\s+(?:\S+\s+)?(?:sender|source|site|website|person|number|address|contact|gist|repo|"
            r"repository|account|author|user|publisher|link|url|script|binary|package|extension|"
            r"domain)",
            "phishing",
            "suspicious",
            "unsolicited",
            "untrusted",
            "unverified",
            "unsigned",
            r"random\s+(?:script|binary|installer|exe|file)",
            "cracked",
            "keygen",
            r"\.(?:exe|scr|iso|lnk|hta|xlsm|docm)" + _W,
            "pastebin",
            "torrent",
            "anydesk",
            "teamviewer",
            r"someone\s+on\s+(?:twitter|reddit|discord|linkedin|a\s+forum)",
            # a stranger in a public place ("someone on the GitHub issue suggested", "a user
            # in the Discord thread", "some dev on Stack Overflow"), or what they left there
            # ("the one-liner from a comment on the issue")
            r"(?:someone|somebody|a\s+(?:user|commenter|poster|reply)|some\s+(?:guy|user|person|dev|"
            r"developer|rando|commenter))\s+(?:on|in|from)\s+(?:the\s+|a\s+|an\s+|that\s+|this\s+|"
            r"some\s+)?(?:[\w-]+\s+){0,2}?(?:issues?|threads?|forums?|comments?|stack\s*overflow|reddit|"
            r"subreddit|discord|hacker\s*news|twitter|youtube|blogs?|gists?|telegram|mailing\s+list|"
            r"community)" + _W,
            r"(?:comments?|answers?|repl(?:y|ies))\s+(?:on|in|under)\s+(?:the|a|an|that|this)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:issues?|threads?|forum|reddit|discord|blog\s+posts?|gists?)"
            + _W,
            # installed from outside the store: sideloaded, an unpacked browser extension, an
            # extension handed over as an archive, an Android package
            "sideload",
            r"load\s+unpacked",
            r"unpacked\s+(?:extensions?|add-?ons?)",
            r"(?:developer|dev)\s+mode\s+(?:in|on|for)\s+(?:the\s+)?(?:chrome|edge|brave|opera|"
            r"firefox|browser|extensions?)",
            r"(?:chrome|edge|brave|opera)://extensions",
            r"about:debugging",
            r"(?:extensions?|add-?ons?|plug-?ins?)\s+(?:\S+\s+){0,6}?(?:as\s+an?|from\s+(?:the|an?))\s+"
            r"(?:\S+\s+)?(?:zip|crx|xpi)(?:\s+files?)?" + _W,
            r"(?<![\w.])apks?" + _W,
            # a file-transfer link: nobody's store or repository stands behind what it holds
            r"we\s*transfer",
            # a program that came by mail or chat ("the installer the reseller emailed", "the
            # hotfix they sent over email"): no store or repository stands behind it
            r"(?:installers?|scripts?|binar(?:y|ies)|executables?|exes?|msis?|tools?|patch(?:es)?|"
            r"hotfix(?:es)?|add-?ins?|plug-?ins?|extensions?|apps?|apks?|drivers?)\s+(?:that\s+|which\s+)?"
            r"(?:the\s+|a\s+|an\s+|some\s+|their\s+|his\s+|her\s+|they\s+|he\s+|she\s+|someone\s+)?"
            r"(?:[\w'’-]+\s+){0,2}?(?:e-?mailed|mailed|texted|dm'?ed|sent\s+(?:(?:us|me|you)\s+)?(?:over|by|via|"
            r"in)\s+(?:an?\s+)?(?:e-?mail|mail|dm|chat|whatsapp|telegram|text))" + _W,
            # a script piped from the network straight into a shell: run unread
            r"pip(?:e|es|ing)\s+(?:\S+\s+){0,8}?(?:in)?to\s+(?:sudo\s+)?(?:bash|sh|zsh|shell|powershell|"
            r"iex)" + _W,
            r"crx|xpi",
            # a link or file that came in a message, not from a place the company runs
            r"(?:link|file|attachment|installer|script|zip)\s+(?:in|from)\s+(?:the|a|an|that|this|"
            r"his|her|their)\s+(?:dm|direct\s+message|e-?mail|text|sms|whatsapp|telegram|signal)\b"
            # "the script in a text editor" is read there, it did not come by text
            r"(?!\s+(?:editor|viewer|file|mode))",
            # … or a social network's message ("the link in that LinkedIn message")
            r"(?:link|file|attachment|installer|script|zip)\s+(?:in|from)\s+(?:the|a|an|that|this|"
            r"his|her|their)\s+(?:[\w-]+\s+)?(?:linkedin|facebook|instagram|discord|wechat|"
            r"tiktok|x|twitter)\s+(?:messages?|dms?|posts?|chats?)\b",
            # cracked, pirated or unofficial software
            "pirated",
            "unofficial",
            "nulled",
            "warez",
        ),
        "prod": (f"prod(?:uction)?{_W}", f"live{_W}", f"primary{_W}"),
        "bulk": (
            f"all{_W}",
            "every",  # "everything", "everyone"
            f"entire(?:ly)?{_W}",
            f"whole{_W}",
            # a console's mass deletion ("Mass Delete Records", "bulk-delete"); not its menu
            # ("pick Delete from the bulk actions" acts on what was selected)
            r"(?:bulk|mass)[- ](?:delet|remov|purg|eras)\w*",
            f"complete(?:ly)?{_W}",
            r"full\s+(?:[\w-]+\s+){0,2}?(?:copy|export|dump|list|table|history|backup|extract|csv|"
            r"database|db|roster|report)",
            # every row of a result ("the full 3.2M rows", "all 40k rows")
            r"(?:full|entire|all)\s+(?:[\d.,]+\s*(?:m|k|mio\.?|million|thousand)?\s+)?rows",
        ),
        # ---------------------------------------------------------------- destinations
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"(?:all|any)\s+(?:inbound|incoming|ingress)\s+(?:traffic|connections?|requests)"
            + NO_SOURCE,
            # the company website, where things are put: anyone reads them (not "allow our
            # website to reach the database": the site as a client, not a place)
            r"(?:on|onto|to|in)\s+(?:our|the|the\s+company|the\s+public|the\s+corporate|the\s+marketing)"
            r"\s+(?:web\s*)?site(?!\s+(?:admin|cms|backend|repo))",
            r"(?:on|onto|to|in)\s+(?:our|the)\s+(?:(?:company|public|corporate|marketing)\s+)?website",
            # the company blog and press releases are public
            r"(?<!internal )(?<!team )(?<!engineering )blog(?:\s+posts?)?",
            r"press\s+releases?",
            "newsroom",
            # a port forwarded on a router or NAT: reachable from the internet
            r"(?<!kubectl )port[- ]?forward\w*"
            r"(?![^.\n]{0,60}(?:localhost|127\.0\.0\.1|your\s+(?:laptop|machine)))",
            r"forward(?:s|ing)?\s+(?:the\s+)?(?:public\s+|external\s+|tcp\s+|udp\s+)*ports?\s+(?!\S*\s*(?:to|on)\s+(?:localhost|127\.0\.0\.1|your\s+(?:laptop|machine)))",
            r"(?:nat|dnat)\s+rules?",
            r"port\s+mappings?",
            r"(?:any|all)\s+(?:ips?|sources?|address(?:es)?|hosts?|ip\s+address(?:es)?)",
            f"anywhere{_W}",
            r"any\s+(?:ip|source|address|host)(?:s|es)?",
            # not `public.invoices`, not a key's public half ("the bot's public SSH key")
            f"(?<!block )(?<!block all )public(?:ly)?{_W}(?!\\.\\w)"
            r"(?!\s+(?:ssh\s+|gpg\s+|pgp\s+|signing\s+|deploy\s+)?(?:keys?|certificates?|half)\b)"
            # nor a document public by its kind ("the link to the public API docs"), unless
            # it names a place ("the public docs site")
            r"(?!\s+(?:[\w-]+\s+){0,2}?(?:docs?|documentation|reference|changelog|roadmap|release\s+notes|"
            r"price\s+list|pricing|faqs?|datasheets?|whitepapers?|brochures?)\b"
            r"(?!\s+(?:site|portal|page|wiki|repo|bucket|space)))",
            # put into the public documentation: a place anyone reads
            r"(?:on|in|into|to)\s+(?:the\s+|our\s+)?public\s+(?:[\w-]+\s+)?(?:docs?|documentation|changelog|roadmap|release\s+notes|faqs?|reference)(?!\w)",
            r"(?<!from )the\s+(?:(?:whole|entire|wide|wider|open|public)\s+)?internet",
            r"the\s+(?:(?:whole|entire)\s+)?world",
            r"0\.0\.0\.0/0",
            r"::/0",
            # not the subject of a subordinate clause ("before anyone touches it", "if anyone asks")
            r"(?<!before )(?<!until )(?<!unless )(?<!if )(?<!whether )(?<!when )(?<!in case )"
            f"anyone{_W}",
            r"open\s+web",
            # opened with no sign-in ("embeddable without login", "no sign-in needed")
            r"without\s+(?:a\s+|any\s+)?(?:login|log-?in|sign[- ]?in|signing\s+in|an?\s+account)",
            r"no\s+(?:login|log-?in|sign[- ]?in|account)\s+(?:needed|required)",
            "pastebin",
            "reddit",
            r"stack\s*overflow",
            "twitter",
            "forum",
            *SOCIAL_SITES,
        ),
        "everyone": (
            "everyone",
            "everybody",
            # "the all-hands recording" is a meeting's, not an audience
            r"all[- ](?:staff|hands|employees)"
            r"(?!\s+(?:recording|meeting|slides|deck|video|notes|call|q&a))",
            r"(?:whole|entire)\s+company",
            "#general",
            "#random",
            r"company[- ]wide",
            *WIDE_CHANNELS,
        ),
        "external": (
            # an outsider's whole domain
            r"their\s+(?:e-?mail\s+)?domain",
            # a distributor or reseller: another company
            r"distributors?(?!\w)",
            r"resellers?(?!\w)",
            # someone the writer knows outside the company, and their firm
            r"(?:my|a|your|his|her|their)\s+(?:\w+\s+)?(?:friend|cousin|brother|sister|acquaintance|buddy|uncle|neighbou?r|ex-colleague|former\s+colleague)(?:\'s|s\'|s)?(?!\w)",
            r"(?<!our )(?<!our own )startups?(?!\w)",
            r"data\s*rooms?",
            r"(?:opposing|outside)\s+counsel",
            r"law\s+firm",
            r"consultanc",
            r"consulting\s+(?:firm|company|group|partners)",
            "vendor",
            "contractor",
            "freelancer",
            "agency",
            "agencies",
            "consultant",
            f"(?<!hr )(?<!business )(?<!people )(?<!success )partners?{_W}",
            "supplier",
            "outsourc",
            r"third[- ]part",
            "external",
            f"outside(?:r|rs)?{_W}",
            "stranger",
            "recruiter",
            "headhunter",
            r"investor(?!\s+relations)",  # the IR team is ours
            f"auditors?{_W}",
            "prospect",
            "journalist",
            # a vendor's support desk: a case opened with them, their support engineers
            r"support\s+case",
            r"their\s+support(?!\w)",
        ),
        "personal": (
            # a file drop outside the company's accounts: one's own cloud, someone else's
            # folder or upload link
            r"(?:my|your)\s+(?:own\s+)?(?:dropbox|onedrive|google\s+drive)",
            r"(?:his|her|their)\s+(?:own\s+)?(?:\w+\s+)?(?:dropbox|box|onedrive|google\s+drive|sharepoint)(?!\w)",
            r"(?:upload|file\s+request|request|drop)\s+link",
            "personal",
            # "open it from their phones": where it is read, not where it is sent
            r"(?<!from )(?:my|your|his|her|their)\s+(?:own\s+)?(?:gmail|hotmail|yahoo|icloud|phone|"
            r"home|laptop|computer|device|desktop|downloads)",
            # not the company's own mail service named as a setting's subject ("the retention
            # rules on Gmail", "in Gmail settings")
            r"(?<!on )(?<!in )(?<!for )(?<!of )gmail"
            r"(?!\s+(?:settings|routing|compliance|retention|policy|policies))",
            "hotmail",
            "yahoo",
            "icloud",
            f"usb{_W}",
            r"thumb\s+drive",
            # file drops outside the company's accounts
            r"we\s*transfer",
            r"mega(?:\.nz|\s+link)",
            r"home[\s-]+(?:computer|pc|laptop|nas|desktop|server|box|lab|machine)",
            r"(?:machine|desktop|pc|computer|server|nas|box|laptop)\s+at\s+home",
        ),
        "ai": (
            *AI_SITES,
            *AI_TOOLS,
            r"chat\s*gpt",
            "openai",
            f"claude{_W}",
            f"gemini{_W}",
            "deepseek",
            "deepl",
            r"google\s+translate",
            f"ai{_W}",
            f"llms?{_W}",
            "chatbot",
            f"gpt{_W}",
            r"online\s+(?:\S+\s+){0,2}?(?:tool|translator|converter|formatter|summari[sz]er|"
            r"validator|parser|viewer|editor|merger|compressor|splitter|combiner|ocr|signer|"
            r"checker|generator)s?",
            # "that free online CSV-to-chart site": a stranger's site, whatever it does
            r"(?:free|random|some|third-party)\s+online\s+(?:\S+\s+){0,3}?(?:site|website|service|app)s?(?!\w)",
        ),
        "messaging": (
            r"(?:over|by)\s+(?:the\s+)?phone",
            "whatsapp",
            "telegram",
            f"signal{_W}",
            "wechat",
            r"line\s+(?:app|chat|message)",
            f"sms{_W}",
            r"text\s+message",
            "imessage",
            "messenger",
            "discord",
            "viber",
        ),
        "channel": (
            f"channels?{_W}",
            # the team chat itself: what is posted there stays in its history for all to search
            r"(?:on|in|via|over|through)\s+(?:the\s+)?(?:company\s+)?(?:slack|teams|discord|mattermost|google\s+chat)(?![\w-]|\.\w)(?!\s+(?:admin|sso|workspace|apps?|connect|groups?|settings|api|bot|tokens?|webhooks?|integrations?|accounts?|enterprise|grid|console|users?|org|guests?)\b)",
            r"(?<![\w#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
            r"group\s+chat",
            f"threads?{_W}",
            # a ticket or a review thread: the requester, the vendor and every watcher read it
            # (not one opened: "open a ticket with security" asks a team, it sends nothing)
            r"(?:in|into|on|to)\s+(?:the\s+|their\s+|our\s+|your\s+|that\s+|this\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:tickets?|jira|zendesk|servicenow)(?![\w-])",
            r"pr\s+comments?",
            # read by everyone who can read the code or the wiki
            f"(?<!not in the )(?<!never in the )readme{_W}",
            r"(?<!not in the )(?<!never in the )(?:team\s+)?wiki",
            r"(?<!not in )(?<!never in )confluence",
        ),
        "workspace": (
            # a console's list of domains whose people may join as members ("add their domain
            # to the approved email domains"): everyone there is let in
            r"(?:to|in|into|on)\s+(?:the\s+|our\s+)?(?:list\s+of\s+)?(?:approved|allowed|trusted|"
            r"whitelisted|allow-?listed)\s+(?:e-?mail\s+)?domains",
            r"(?:as\s+(?:an?\s+)?|single-channel\s+|multi-channel\s+)guests?",
            r"guest\s+(?:accounts?|access|users?)",
            f"workspaces?{_W}",
            r"slack\s+connect",
            r"shared\s+channel",
            r"external\s+(?:org|organi[sz]ation|tenant)",
            r"other\s+(?:org|organi[sz]ation|tenant|company)",
        ),
        # ---------------------------------------------------------------- scope
        "neg_before": (
            r"don'?t",
            r"don’t",
            r"do\s+not",
            "never",
            r"must\s+not",
            r"mustn'?t",
            r"should\s+not",
            r"shouldn'?t",
            r"can'?t",
            "cannot",
            r"won'?t",
            "not",
            r"no\s+need\s+to",
            "avoid",
            "decline",
            "reject",
            "refuse",
            r"refrain\s+from",
            r"rather\s+than",
            r"instead\s+of",
            "without",
        ),
        "purpose_neg": (
            r"so\s+(?:that\s+)?(?:we|you|they|i|it|he|she|nobody)\s+(?:don'?t|don’t|do\s+not|won'?t|won’t|"
            r"will\s+not)\s+(?:have\s+to\s+|need\s+to\s+)?[\w-]+",
            r"(?:in\s+order|so\s+as)\s+not\s+to\s+(?:have\s+to\s+)?[\w-]+",
        ),
        "topic": (
            r"(?:about|regarding|concerning|re|on|as\s+for|as\s+to|following\s+up\s+on|with\s+regard\s+to)\b",
        ),
        "affirm": (
            r"(?:don'?t|don’t|do\s+not|never)\s+(?:forget|hesitate|wait)",
            # a suggestion put as a negative question: "wouldn't it be simpler to …", "why
            # not just …", "why don't we …"
            r"(?:wouldn'?t|wouldn’t|isn'?t|isn’t)\s+it\s+(?:be\s+)?(?:much\s+)?(?:simpler|easier|quicker|"
            r"faster|better|cleaner)",
            r"why\s+(?:not|don'?t\s+(?:we|you)|don’t\s+(?:we|you))",
            r"not\s+only",
            r"no\s+matter",
        ),
        "hypothetical": (
            "hypothetically",
            # "what if you ran X and re-applied?" proposes it: a suggestion, not a hypothetical
            r"what\s+if(?!\s+(?:you|we)\s+(?:just\s+)?(?:ran|run|tried|try|did|do|used|use)\b)",
            r"what\s+(?:would|could|might)\s+happen",
            r"what\s+happens\s+if",
            "imagine",
            "suppose",
            r"let'?s\s+say",
            r"for\s+example",
            r"for\s+instance",
        ),
        "conditional": (
            # "if you agree, could we …?" asks for consent: a request, not a hypothetical
            r"if(?!\s+(?:you|everyone|nobody|no\s+one|the\s+team|security|legal)\s+"
            r"(?:agrees?|objects?|approves?|(?:is|are)\s+(?:ok|okay|fine)|(?:don'?t|doesn'?t)\s+mind)"
            r"(?!\w))",
            "whether",
            r"were\s+to",
        ),
        "report": (
            r"yesterday(?!['’]s)",
            # not a date that qualifies the object ("all candidate profiles from last year",
            # "tickets older than last quarter", "deals created last month")
            r"(?<!from )(?<!since )(?<!than )(?<!created )(?<!dated )(?<!opened )"
            r"last\s+(?:week|month|night|year|quarter|time|sprint|friday|monday|tuesday|"
            r"wednesday|thursday|saturday|sunday)(?!['’]s)"
            # a span of data, not a time something happened ("the last week of `logs/…`")
            r"(?!\s+of\s+(?:the\s+|our\s+)?(?:`|[\w-]*(?:logs?|data|events|records|traffic|rows|"
            r"exports?|dumps?|transactions|orders|payments|messages|tickets)\b))",
            "ago",
            # a cause said to be unknown narrates nothing ("not sure what the root cause is")
            r"(?<!sure what the )(?<!know what the )(?<!no idea what the )root\s+cause"
            r"(?!\s+(?:is\s+)?(?:still\s+)?(?:unclear|unknown|not\s+(?:clear|known)))",
            r"post[- ]?mortem",
            # not a document about it ("post the incident timeline on LinkedIn"); not the
            # circumstance an order is given in ("given the outage, run it", "because of the
            # incident", "due to the outage"): that reason narrates nothing done
            _NOT_A_REASON
            + r"incident(?!\s+(?:reports?|write-?ups?|summar(?:y|ies)|timelines?|notes|reviews?|"
            r"docs?|tickets?|channels?|retros?))",
            _NOT_A_REASON + "outage",
            "caused",
            "accidentally",
            r"by\s+mistake",
            r"was\s+told\s+to",
            r"earlier\s+today",
        ),
        "local": (
            r"(?:your|my)\s+own\s+(?:feature\s+|topic\s+)?branch",
            r"feature\s+branch",
            "local",
            "locally",
            "localhost",
            r"127\.0\.0\.1",
            "laptop",
            r"(?:your|my)\s+(?:own\s+)?machine",
            r"dev\s*container",
            "sandbox",
            r"scratch\s+(?:table|db|database|schema|dir|directory|folder|files?|space|bucket|env|"
            r"environment|copy|branch)",
            "throwaway",
            "minikube",
            r"kind\s+cluster",
            r"docker[- ]compose",
            r"test\s+fixtures?",
        ),
        "dedicated": (
            r"(?:new|dedicated|separate|fresh|own)\s+(?:\S+\s+){0,2}?(?:channel|workspace|team|space|project|folder)",
        ),
        "recipient": (
            # "drop the file in their shared folder": the place of the people named before
            r"their\s+(?:[\w-]+\s+){0,2}?(?:folder|drive|inbox|mailbox|e-?mail|sharepoint|dropbox|box|"
            r"bucket|portal|sftp|server|share|workspace|site|upload\s+link)s?",
            "them",
            "him",
            "her",
            "they",
            r"over\s+to",
            # a place named before, pointed at at the clause's end ("import the list there,")
            r"there(?=\s*[,.;!]|\s*$)",
        ),
        "rewrite": (f"rewrit(?:e|es|ing){_W}", f"clobber(?:s|ing)?{_W}"),
        "ref": (
            r"develop\s+branch(?:es)?",
            r"(?:main|master|trunk|develop|staging|prod|production)(?:\'s)?\s+(?:git\s+)?history",
            r"(?:main|master|trunk|develop)\s+(?:on|in)\s+(?:the\s+)?(?:shared|remote|central|team|company|upstream)\s+repo\w*",
            r"history\s+of\s+(?:the\s+)?(?:main|master|trunk|develop|release\S*)(?!\w)",
            r"(?:release|main|master|trunk|shared|remote|upstream|protected|default|prod|production)"
            r"\s+branch(?:es)?",
            r"release/[\w.\-]+",
            r"(?:release|version|remote|git)\s+tags?",
            r"tags?\s+on\s+(?:the\s+)?(?:remote|origin)",
            r"origin/\w+",
            r"(?:remote|upstream|origin)\s+(?:main|master)",
        ),
        "service": (
            f"services?{_W}",
            "microservice",
            f"apis?{_W}",
            f"endpoints?{_W}",
            f"apps?{_W}",
        ),
        "shared": (
            # pushed onto the shared trunk ("force-push it onto main")
            r"(?:onto|into|to)\s+(?:the\s+)?(?:main|master|trunk)(?:\s+branch)?",
            # pushed over a branch everyone uses ("force-push my local branch over the release
            # branch")
            r"(?:over|onto|into)\s+(?:the\s+|our\s+)?(?:release|main|master|trunk|develop|production|prod)"
            r"(?:\s+branch(?:es)?|/[\w.-]+)?(?!\w)",
            # protection taken off a branch: it is a shared one
            r"unprotect\w*",
            r"(?:remov|disabl|drop|turn)\w*\s+(?:\S+\s+){0,3}?(?:branch\s+)?protection",
            r"remote\w*",
            r"shared\w*",
            r"origin\w*",
            r"upstream\w*",
            r"everyone'?s",
            r"protected\w*",
        ),
        "brief": (
            r"for\s+(?:an?|one|two|three|\d+|a\s+few|half\s+an?)\s+(?:minutes?|mins?|hours?|hrs?)",
            r"(?:\d+|five|ten|fifteen|thirty)[- ](?:minutes?|mins?)",
            r"during\s+the\s+(?:deploy\w*|maintenance|migration|window|rollout|release|cutover|upgrade)",
            r"until\s+the\s+(?:deploy\w*|maintenance|migration|rollout|release|cutover|upgrade)\s+(?:is\s+)?"
            r"(?:done|finishes|completes|over)",
            # an end named by the clock ("until 06:00 UTC tomorrow", "until midnight", "until
            # the end of the maintenance window"); not "until next quarter"
            r"until\s+(?:\d{1,2}(?::\d{2})?(?:\s*(?:am|pm|utc|gmt))?(?!\w)|midnight|noon|tonight|"
            r"tomorrow(?:\s+morning)?(?!\w)|the\s+end\s+of\s+(?:the\s+|today['’]s\s+)?(?:day|"
            r"(?:maintenance\s+)?window|deploy\w*|maintenance))",
            r"while\s+the\s+(?:deploy\w*|maintenance|migration|rollout|release|cutover|upgrade|resize)",
        ),
        "hold": (r"legal\s+holds?", r"litigation\s+holds?"),
        "public_part": (
            r"public\s+(?:(?:ssh|gpg|pgp|signing|deploy|rsa|ed25519)\s+)?(?:keys?|half|certificates?)",
            r"public\s+part",
            "pubkey",
            r"\.pub",
        ),
        # the writer asks leave to act; "may I suggest you …" recommends, it asks no leave
        "permission": (
            # "could we delete it tonight?" proposes the act: only "I", or "may we"
            r"(?:(?:may|can|could|should|shall)\s+i|may\s+we)(?!\s+(?:suggest|recommend|propose|"
            r"ask|remind|urge|get\s+you|have\s+you|just))",
            r"(?:is|would)\s+it\s+(?:be\s+)?(?:ok|okay|fine|alright|all\s+right|safe|allowed)\s+"
            r"(?:for\s+(?:me|us)\s+)?(?:to|if\s+(?:i|we))",
            r"(?:ok|okay|alright|fine)\s+(?:with\s+you\s+)?if\s+(?:i|we)",
            r"mind\s+if\s+(?:i|we)",
            r"am\s+i\s+(?:allowed|ok|okay|cleared|authori[sz]ed)\s+to",
            r"do\s+(?:i|we)\s+have\s+(?:your\s+|the\s+)?(?:permission|ok|okay|go-ahead|approval|"
            r"sign-off|green\s+light)",
        ),
        "request": (r"(?:can|could|would|will)\s+you", "please", r"would\s+you\s+mind"),
        # ends right before a destination ("public"): that exposure is being taken away
        "withdrawn": (
            r"from\s+[\"“«]\s*$",  # a quoted setting changed from
            r"(?:revok\w*|remov\w*|delet\w*|disabl\w*|turn\w*\s+off|switch\w*\s+off|kill\w*|"
            r"take\s+down|close\w*|expir\w*|stop\w*)\s+(?:the\s+|any\s+|all\s+|its\s+|that\s+)?"
            r"(?:\w+\s+)?$",
            # "add a deny rule for TCP 5432 from 0.0.0.0/0": what it names is kept out
            r"(?:deny|denying|block|blocking|drop|reject)\s+(?:\w+\s+)?rules?\s+(?:\S+\s+){0,6}?$",
        ),
        # right after a removal verb: what goes is access to the thing, not the thing
        "access_part": (
            # "remove the guest accounts that no longer need it": access taken away
            r"(?:the\s+|all\s+|any\s+|their\s+|our\s+)?(?:old\s+|stale\s+|unused\s+)?(?:guest|invited|"
            r"external)\s+(?:accounts?|users?|logins?)\b"
            r"(?!\s+(?:database|db|tables?|data|files?|bucket|records?|list)\b)",
            r"(?:the\s+|all\s+|any\s+|its\s+|their\s+|his\s+|her\s+)?(?:public\s+|external\s+|"
            r"guest\s+|anonymous\s+|outside\s+|write\s+|admin\s+)?(?:access|permissions?|"
            r"links?|link\s+sharing|sharing|roles?|rights|bindings?|grants?|membership)\b"
            r"(?!\s+(?:logs?|tables?|database|data|files?|bucket|records?)\b)",
            # "remove the former contractor's access to the finance drive": someone's access
            r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?[\w-]+['’]s?\s+(?:access|permissions?|rights|"
            r"roles?|membership)\b(?!\s+(?:logs?|tables?|database|data|files?|bucket|records?)\b)",
            # "remove the contractor's service account from cluster-admin": a member leaves a
            # role or group, nothing is destroyed
            r"(?:[\w'’-]+\s+){1,5}?from\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:groups?|"
            r"roles?|(?:org-|cluster-|super)?admins?|owners?|members|rota|on-?call|"
            r"allow-?lists?|sudoers|(?:[\w-]+-)?(?:admins?|owners|editors|writers|maintainers))"
            r"(?![\w-])",
            # "delete the rule that allows 0.0.0.0/0", "remove the open ingress rule": the rule
            # that lets traffic in goes, nothing held is destroyed
            r"(?:the\s+|that\s+|any\s+|all\s+|this\s+)?(?:[\w/.-]+\s+){0,3}?(?:ingress|firewall|"
            r"security[- ]group|nsg|inbound)\s+rules?\b",
            r"(?:the\s+|that\s+|any\s+|all\s+|this\s+)?(?:[\w/.-]+\s+){0,2}?rules?\s+(?:that\s+|which\s+)?"
            r"(?:allows?|opens?|permits?|lets?|exposes?)\b",
        ),
        # right after the verb: the thing moved is a fact about a secret, not the secret
        "metadata": (
            r"(?:(?:him|her|them|me|us)\s+)?(?:the|its|their|just\s+the|only\s+the)\s+"
            r"(?:[\w'’-]+\s+){0,2}?(?:dates?|timestamps?|"
            r"created_time|version(?:\s+(?:numbers?|ids?))?|arns?|account(?:\s+ids?)?|"
            r"(?:item\s+|key\s+|variable\s+|secret\s+)?(?:names?|titles?|labels?)|counts?|"
            r"fingerprints?|(?:key\s+)?ids?|expiry|expiration|(?:vault\s+)?paths?|locations?)\b",
        ),
        "lasting": (
            r"until\s+(?:the\s+end\s+of\s+)?(?:the\s+)?next\s+(?:week|month|quarter|year|sprint)",
            r"(?:next|following)\s+(?:quarter|month|year)",
            r"for\s+(?:a|one|two|three|four|several|\d+)\s+(?:weeks?|months?|quarters?)",
            r"until\s+(?:next|the\s+end\s+of\s+(?:the\s+)?)\s*(?:quarter|year|month)",
            r"for\s+(?:the\s+next\s+)?(?:\w+\s+)?(?:weeks|months|quarters|years)",
            "indefinitely",
            "permanently",
            r"for\s+good",
            r"until\s+further\s+notice",
        ),
        "reported": (
            r"(?:they|he|she|legal|hr|security|finance|compliance|procurement|(?:the|their|our)\s+"
            r"(?:[\w-]+\s+)?(?:team|firm|agency|vendor|partner|auditors?|counsel|consultants?|"
            r"contractors?))\s+"
            r"(?:will|'ll|are\s+going\s+to|is\s+going\s+to|plans?\s+to)\s+$",
            r"(?:asked|told|wanted|wants|urged|instructed|begged|telling|tells|asking|asks|"
            r"urging|urges)\s+(?:\w+\s+){0,2}to",
            r"(?:says|said)\s+to",
        ),
        "history": (
            *FORCE_PUSH,
            r"force[- ]?push\w*",
            r"rewrit(?:e|ing)\s+(?:the\s+)?(?:git\s+)?history",
            r"push\s+(?:-f|--force)",
            r"overwrit(?:e|es|ing)\s+(?:\S+\s+){0,3}?(?:on|in)\s+(?:github|gitlab|bitbucket|"
            r"the\s+remote|origin|upstream)",
            r"(?:mov(?:e|es|ing)|re-?point(?:s|ing)?)\s+(?:the\s+)?(?:release\s+)?"
            r"v?\d[\w.-]*\s+tags?(?!\w)",
        ),
        "email": (
            r"e-?mail",
            "inbox",
        ),
        # where a sending verb's object stands: the value a command printed ("paste what it
        # prints", "the output", "it"), not another thing ("the table list", "your screen")
        "output": (
            r"(?:whole\s+|full\s+|entire\s+)?(?:env|environment)(?:\s+(?:variables?|vars?))?(?!\w)",
            r"(?:it|them|everything|all\s+of\s+it)(?!\w)",
            r"(?:whole\s+|full\s+|raw\s+|entire\s+)?(?:output|result|results|value|values|printout|contents?)(?!\w)",
            r"what(?:ever)?\s+(?:it|that|this|the\s+[\w-]+)\s+(?:prints|printed|returns|outputs|shows|spits|gives)",
        ),
        # a noun phrase starts: an article or a possessive ("the", "your", "only the")
        "determiner": (
            r"(?:only\s+|just\s+)?(?:the|your|a|an|our|their|his|her|my|its|this|these|those)(?=\s)",
        ),
        "pronoun": ("it", "its", r"(?:the\s+)?contents?", "them", "this", "that", "those", "these"),
        "withheld": (
            r"(?:leave|leaving|keep|keeping)\s+(?:[\w`*.-]+\s+){0,4}?out\b",
            r"(?:leave|leaving|keep|keeping)\s+out",
            r"without\s+(?:the\s+|any\s+|its\s+|their\s+)?(?:\w+\s+)?(?:environments?|env|tokens?|secrets?|"
            r"credentials?|keys?|passwords?|state|tfstate|tfvars|\.env)",
            r"exclud(?:e|es|ed|ing)\s+(?:the\s+)?[\w`*./-]+",
            r"strip(?:s|ped|ping)?\s+(?:out\s+)?(?:the\s+|all\s+|any\s+)?(?:\w+\s+)?(?:tokens?|secrets?|credentials?|keys?|passwords?)",
            r"(?:tokens?|secrets?|credentials?|keys?|passwords?)\s+stay\s+(?:out|behind|internal)",
            r"placeholders?",
        ),
        "sanctioned": (
            r"(?:our|the\s+company'?s?)\s+(?:own\s+)?(?:internal|in-house|self-hosted|approved|sanctioned)",
            r"internal\s+(?:\w+\s+)?(?:llm|ai|gpt|copilot|assistant|gateway|service|tool|model|workspace)",
            r"(?:the\s+)?approved\s+(?:one|tool|service|model|llm|ai)",
            r"the\s+one\s+(?:\w+\s+){0,2}?(?:approved|sanctioned|signed\s+off)",
            r"self-hosted",
            r"in-house",
        ),
        "described": (
            # "`X` would remove the instance", "that would also wipe": what it would do,
            # told about a thing; "you would", "I'd" advise and stay out
            r"(?:(?<=`)|it|this|that|the\s+command|the\s+script)\s+(?:also\s+)?would"
            r"(?:\s+(?:also|just|then|first))?",
        ),
        "own_space": (
            # a personal branch
            r"(?:your|my)\s+(?:own\s+)?(?:feature|topic|spike|wip|personal)[\s-]+branch(?:es|'s)?",
            r"(?:your|my)\s+(?:own\s+)?(?:personal\s+)?(?:[\w-]+\s+){0,2}?(?:sandbox|playground|scratch|test|dev)\w*",
            r"(?:your|my)\s+own\s+(?:[\w-]+\s+){0,2}?(?:stack|namespace|cluster|workspace|project|environment)",
            r"personal\s+(?:[\w-]+\s+){0,2}?(?:sandbox|playground|stack|namespace|cluster|workspace|project|environment)",
        ),
        "fields": (
            r"(?<!column\s)(?<!field\s)(?<!table\s)(?<!file\s)(?<!variable\s)(?<!key\s)"
            r"(?<!setting\s)(?<!host\s)(?<!branch\s)(?<!metric\s)(?<!tag\s)(?<!domain\s)names",
            r"e-?mails",
            r"e-?mail\s+addresses",
            r"(?:phone|mobile|cell)\s+numbers?",
            r"phones",
            r"(?:home\s+|postal\s+|street\s+|mailing\s+)?addresses",
            r"dates?\s+of\s+birth",
            r"birth\s*dates?",
            r"ssns?",
            r"social\s+security\s+numbers?",
            r"(?:tax|national|passport)\s+(?:ids?|numbers?)",
            r"salar(?:y|ies)(?!\s+(?:bands?|ranges?|grids?|scales?|budgets?|benchmarks?|surveys?))",
            r"bank\s+(?:details|accounts?)",
            r"ibans?",
            r"(?:card|account)\s+numbers?",
        ),
        "inside": (
            r"internal(?:-only)?",
            "confidential",
            "restricted",
            "raw",
            r"(?:our\s+|the\s+)?margins?",
            r"(?:cost|purchase|wholesale)\s+prices?",
            r"(?:per|by)[- ](?:customer|client|account)",
            r"revenue",
            r"mrr",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"\(\s*(?:but\s+)?not\s+(?:the\s+|your\s+|our\s+|any\s+|its\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s*\)",
            r"(?:rather\s+than|instead\s+of)\s+(?:the\s+|your\s+|our\s+|its\s+)[\w.-]+(?:\s+[\w.-]+){0,2}",
            # masked before it goes: "replace the password in the DSN with ****", "redact the
            # bearer token and the internal hostnames"
            r"(?:replac\w*|substitut\w*|swap\w*)\s+(?:the\s+|any\s+|all\s+|its\s+)?[\w-]+"
            r"(?:\s+[\w-]+){0,6}?\s+(?:with|by|for)\s+\W{0,2}(?:\*{2,}|x{3,}|<|\[|redacted|placeholders?)",
            r"(?:mask|redact|scrub|blank\s+out|black\s+out)\w*\s+(?:the\s+|any\s+|all\s+|its\s+)?[\w-]+"
            r"(?:(?:\s+(?:and|or)\s+|\s+)(?:the\s+|any\s+)?[\w-]+){0,4}",
            r"(?:without|with\s+no|excluding|minus|leaving\s+out|leave\s+out|strip(?:ping)?\s+out"
            r"|no)\s+(?:any\s+|the\s+|all\s+|their\s+)?[\w-]+(?:(?:\s+(?:and|or|nor)\s+|/|\s+)"
            r"(?:any\s+|the\s+|their\s+)?[\w-]+"
            # a bare list goes on across commas ("no names, emails or phone numbers"), never
            # into a new noun phrase ("without names, the phone numbers")
            r"|,\s*(?:(?:and|or|nor)\s+)?(?!(?:the|their|any|all|our|your|a|an|and|or)\b)[\w-]+){0,4}",
            r"with\s+(?:all\s+|the\s+|any\s+)?[\w-]+(?:(?:\s+(?:and|or)\s+|\s+)(?:the\s+)?[\w-]+)"
            r"{0,5}?\s+(?:stripped|removed|redacted|masked|scrubbed|blanked|taken)(?:\s+out)?",
            # a personal field named, then left out ("emails hashed and names dropped")
            _FIELD
            + r"\s+(?:dropped|removed|stripped|omitted|excluded|taken\s+out|left\s+out)"
            + _W,
        ),
        # a console's button pressed ("hit Delete", "click on 'Delete permanently'"): the
        # button acts on what was selected before it
        "pressed": (r"(?:hit|click|press|choose|pick|select|tap)(?:s|ing)?(?:\s+on)?(?:\s+the)?",),
        "owned": (
            r"our\s+(?:own\s+)?(?:internal|in-house|self-hosted|on-prem)",
            r"company-(?:approved|hosted|internal)",
            r"existing\s+shared",
        ),
        "route": (
            r"(?:partner|supplier|vendor|customer|client)\s+portal\s+(?:that\s+)?(?:we|they)\s+already\s+use",
            r"(?:the\s+)?(?:usual|existing|established)\s+(?:secure\s+)?(?:partner|supplier|vendor|customer|client)\s+(?:portal|extranet)",
            r"(?:the\s+)?(?:partner|supplier|vendor|customer|client)\s+(?:portal|extranet)\s+as\s+(?:usual|always|every\s+month)",
        ),
        # opens a relative clause about the object: a report word after it dates the object
        # the post or article itself, or its readers: a publication named before
        # content made to be public by its kind: talk slides, press and brand assets, job
        # descriptions, how-to videos, code snippets and examples, lint configs, synthetic
        # samples, an office-hours calendar (not a README or CONTRIBUTING.md: what is added
        # to one is what gets published)
        # a pro-verb order taking up the act named before ("; do it", "Yes, go ahead."): it
        # must open its clause, which `Scope.taken_up` checks (never "don't do it")
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            r"(?:web\s+|app\s+|database\s+|db\s+|api\s+)?servers?",
            "instances?",
            r"(?:ec2|gce|compute)\s+instances?",
            "vms?",
            r"virtual\s+machines?",
            "pods?",
            "nodes?",
            "containers?",
            "workers?",
            "deployments?",
            "statefulsets?",
            "daemonsets?",
        ),
        # a question about who may act, asked of the reader: "list who can delete …", "check
        # which roles are allowed to disable MFA"; not "who can delete it tonight?" (a volunteer)
        # the admin asked to act: "ask your Google Workspace admin to grant …", "have the IT
        # admin add …"
        "addressee": (
            r"(?:ask|have|get|tell|ping|contact|e-?mail|message|dm|check\s+with|talk\s+to|"
            r"reach\s+out\s+to|work\s+with|request\s+(?:it\s+)?from)\s+(?:the|your|our|an?|their)\s+"
            r"(?:(?!as\s|to\s)[\w-]+\s+){0,3}?$",
        ),
        "holders": (
            r"(?:list|check|find\s+out|tell\s+me|verify|confirm|audit|review|show(?:\s+me)?|see|"
            r"look\s+up|figure\s+out|report|pull\s+(?:up\s+)?a\s+list\s+of)\s+"
            r"(?:[^\s.;:!?]+\s+){0,4}?(?:who\s+|which\s+(?:[\w-]+\s+){1,3}?|whether\s+(?:anyone|anybody|"
            r"someone|they|users?|people)\s+)(?:else\s+|still\s+)?(?:can|could|may|is\s+(?:able|allowed|"
            r"permitted)\s+to|are\s+(?:able|allowed|permitted)\s+to|ha(?:s|ve)\s+(?:the\s+)?(?:rights?|"
            r"permissions?|access)\s+to)\s+(?:still\s+|actually\s+|even\s+)?$",
        ),
        "taken_up": (
            r"(?:(?:so|then|just|please|yes,?|yeah,?|go\s+ahead\s+and)\s+)*do\s+(?:it|that|this|so)(?:\s+(?:now|anyway|today|please))?(?=\s*(?:[.!;,]|$))",
            r"(?:(?:so|then|yes,?|yeah,?)\s+)*go\s+ahead(?:\s+with\s+it)?(?=\s*(?:[.!;,]|$))",
        ),
        "public_content": (
            r"(?:public|event|conference|summit|meetup|webinar)\s+(?:agenda|programme|program|schedule)",
            r"(?:slides?|slide\s+deck|deck|presentation)\s+(?:\S+\s+){0,3}?(?:for|from|of)\s+(?:the\s+|our\s+|my\s+|tomorrow's\s+|today's\s+)?(?:webinar|conference|talk|meetup|keynote|session)",
            r"(?:webinar|conference|talk|meetup|keynote)\s+(?:slides?|deck|recording)",
            r"press[\s-]kit",
            r"media[\s-]kit",
            r"brand\s+(?:assets|guidelines)",
            r"(?:new\s+)?logos?",
            r"job\s+(?:descriptions?|postings?|ads?)",
            r"(?:how-to|tutorial|troubleshooting|onboarding)\s+(?:videos?|guides?|articles?)",
            r"help[\s-]cent(?:er|re)\s+(?:articles?|videos?)",
            r"code\s+(?:snippets?|samples?|examples?)",
            r"snippets?",
            r"(?:lint|linting|eslint|prettier|editor|formatter)\s+(?:config(?:uration)?|setup|rules)",
            r"\.(?:eslintrc|prettierrc|editorconfig|stylelintrc)(?:\.\w+)?",
            r"synthetic\s+(?:data(?:set)?|sample|accounts|records)",
            r"office[\s-]hours",
            r"(?:public\s+)?api\s+(?:reference|docs|documentation)",
            r"(?:developer|public|product)\s+(?:docs|documentation)(?:\s+(?:page|site))?",
            r"(?:user|product|installation|getting[\s-]started)\s+(?:manuals?|guides?|handbooks?)",
            r"(?:(?:product|marketing|sales)\s+)?(?:brochures?|flyers?|datasheets?)",
            r"(?:(?:product|public|customer)\s+)?faqs?",
            r"release\s+notes",
            r"status\s+page",
            r"(?:public\s+price\s+lists?|pricing\s+page)",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"(?:i|we|i've|we've|i\s+have|we\s+have)\s+(?:already\s+|just\s+)?(?:took|taken|made|created|ran|run|done)\s+(?:a\s+|the\s+)?(?:full\s+|fresh\s+)?(?:backup|snapshot|dump)",
            r"(?:the\s+)?(?:backup|snapshot|dump)\s+(?:is|was|has\s+been)\s+(?:already\s+)?(?:done|taken|made|complete|finished|in\s+place)",
        ),
        "publication": (
            r"(?:the|this|that)\s+(?:blog\s+)?(?:post|article|announcement|entry|write-?up)",
            r"(?:so\s+)?readers",
            "downloadable",
        ),
        "relative": (
            r"(?:that|which|who|whom)",
            # a contact clause: a subject and its past verb right after the object ("the
            # records we imported last week", "the table you restored yesterday")
            r"(?:we|i|you|they|he|she)\s+(?:just\s+|already\s+)?(?:\w+ed|made|sent|got|put|set|"
            r"built|ran|wrote|took|gave|left|found|bought|brought|kept|did|moved|pulled|added)(?!\w)",
        ),
        "few": (
            r"(?:one|two|three|four|five|a\s+couple\s+of|[2-9])\s+(?:\w+\s+)?(?:pdfs?|files|documents|contracts|invoices|orders|reports)",
            # a counted handful of records: what a deletion takes is those, not a store
            r"(?<![\d,.])(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few|[1-9]\d?)\s+(?:[\w-]+\s+){0,2}?(?:records|rows|entries|contacts|leads|tickets|submissions)(?!\w)",
            r"(?:just|only)\s+(?:that|this|the\s+one)\s+(?:\w+\s+)?(?:requester|customer|user|person|employee|candidate|applicant|member|subscriber|contact)['’]s\s+(?:[\w-]+\s+){0,2}?(?:records|rows|entries|tickets|data)(?:\s+and\s+(?:[\w-]+\s+){0,2}?(?:records|rows|entries|tickets|data))?",
        ),
        "sanitized": (
            # already public: the very file anyone can get from the company's site
            r"(?<!not\sthe\s)(?<!n't\sthe\s)(?<!not\s)same\s+(?:file|document|version|pdf|deck|one)\s+(?:as\s+(?:the\s+one\s+)?)?"
            r"(?:that\s+)?(?:anyone|everyone|customers|visitors)\s+can\s+(?:download|see|read|get)",
            r"(?<!not\sthe\s)(?<!n't\sthe\s)(?<!not\s)same\s+(?:file|document|version|pdf|one)\s+(?:as\s+(?:the\s+one\s+)?)?"
            r"(?:that(?:\s+is|'s)\s+)?(?:published|posted|live)\s+on\s+(?:our|the)\s+(?:public\s+)?(?:website|site|docs|blog)",
            # a template: variable names and placeholders, no values
            r"placeholders?(?:\s+values?)?",
            r"only\s+(?:the\s+)?(?:variable|key|setting)\s+names",
            *TEMPLATE_FILES,
            # made-up records stand in for real ones
            r"(?:made[- ]up|invented)",
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"already\s+(?:been\s+)?(?:approved|cleared|signed\s+off|vetted|validated)",
            r"(?:approved|cleared|vetted)\s+(?:by|for)\s+(?:legal|comms|communications|pr|marketing|hr|publication|external\s+use|public\s+use|release)",
            r"only\s+(?:the\s+)?(?:column|field|table|header)\s+(?:names|row)",
            r"(?:header\s+row|column\s+names|schema|table\s+layout)\s+only",
            r"schema-only",
            # a table's own structure, its definition ("the users table's schema")
            r"(?:table|collection|database|db)(?:'s|s')?\s+(?:schema|structure|ddl|definitions?)",
            r"(?:no|without\s+(?:any\s+)?)\s*(?:[\w]+-level\s+)?(?:data\s+rows|rows|values|real\s+data)",
            r"(?:counts?|totals?)\s+(?:by|per)(?=\s)",  # "counts per clinic"
            # numbers about the records, not the records ("counts only", "only the totals")
            r"(?:counts?|totals?|sums?|aggregates?|averages?)\s+only",
            r"only\s+(?:the\s+)?(?:counts?|totals?|sums?|aggregates?|averages?)",
            r"head\s*counts?",
            r"how\s+many",  # a number, not the records
            r"(?:row\s+)?counts?\s+of",
            r"row\s+counts?",
            r"number\s+of(?!\s+(?:the\s+)?(?:phone|card|account|social|passport|id|tax|bank|routing))",
            r"already\s+(?:public|published|on\s+(?:our|the)\s+(?:public\s+)?(?:website|site|careers\s+page|blog|docs))",
            # the public page's content, not the public page as where a thing is put ("put
            # the customer list in the public docs")
            r"(?<!in\sthe\s)(?<!to\sthe\s)(?<!on\sthe\s)(?<!into\sthe\s)(?<!in\sour\s)"
            r"(?<!to\sour\s)(?<!on\sour\s)(?<!into\sour\s)"
            r"public\s+(?:roadmap|pricing|price\s+list|changelog|faq|docs|documentation|"
            r"salary\s+(?:grid|bands?))",
            r"anonymi[sz]ed",
            r"pseudonymi[sz]ed",
            r"de-?identified",
            r"aggregated?",
            "redacted",
            "masked",
            "hashed",
            "synthetic",
            "dummy",
            "fake",
            r"(?:\d+\s*%\s+)?samples?",
            r"blank",  # a blank template holds nothing
            r"empty\s+template",
            r"test\s+data",
            r"(?:no|without(?:\s+the)?)\s+(?:e-?mails|names|pii|personal|card\s+numbers|phone)",
        ),
        "proposal": (
            r"(?:show|explain|teach)(?:\s+(?:them|him|her|me|us))?\s+how\s+to",
            r"(?:draft|write|prepare|file|raise|open|submit|create)\s+(?:a|an|the)\s+"
            r"(?:change\s+request|ticket|proposal|rfc|plan|jira\s+ticket|cr|request)\s+(?:to|for)",
            # whether to do it is still to be decided ("discuss whether to make it public")
            r"whether\s+(?:or\s+not\s+)?(?:to|we|you|they|it|anything|this)\s",
        ),
        "temporal": (
            r"(?:upon|when|while)(?=\s+\w+ing(?!\w))",
            # a subordinate clause of time with its own subject: what happens then, told
            r"(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:you|we|they|someone|anyone|people|users?|she|he)"
            r"(?:\s+first)?\s",
        ),
        "declined": (
            r"(?:i\s+)?(?:don'?t|do\s+not)\s+think\s+(?:so|we\s+should)",
            r"(?:probably|definitely|certainly|better)\s+not",
            r"i(?:'d|\s+would)\s+(?:say\s+no|rather\s+not|not)",
            # a refusal at the end of a sentence ("…, so let's not", "so I'd skip it")
            r"let'?s\s+not(?!\s+forget)",
            r"(?:i'?d|we'?d|i\s+would|we\s+should)\s+(?:skip|avoid|pass\s+on)\s+(?:it|this|that|them)\b",
            r"no(?:pe)?(?=\s*[.!,:;—–-])",
        ),
        "warning": (
            r"(?:classic|known|obvious|typical|textbook)\s+(?:phishing|scam)",
            r"(?:is|was|looks\s+like|that'?s|that’s)\s+(?:a\s+|an\s+)?(?:phishing|scam|malicious|"
            r"malware)",
            r"red\s+flags?",
        ),
        "exception": (r"exceptions?", r"exemptions?", r"overrides?", r"waivers?", r"allowances?"),
        "contracted": (
            r"(?:set\s+up|established|provided|agreed|opened)\s+under\s+(?:the|our|their)\s+(?:[\w-]+\s+){0,2}?(?:contract|agreement|dpa|engagement)",
            r"covered\s+by\s+(?:our|the|a)\s+(?:[\w-]+\s+){0,2}?(?:data\s+processing\s+agreement|dpa)",
            r"(?:the|our)\s+(?:agreed|contracted)\s+(?:secure\s+)?(?:channel|portal|route|data\s+room|sftp)",
            r"(?:folder|data\s+room|portal|workspace)\s+we\s+(?:already\s+)?(?:have|share|use)\s+with\s+(?:their|the|his|her)\s+(?:firm|agency|auditors?|advisers?|advisors?|accountants?|lawyers?|counsel)",
        ),
        "vetted": (
            r"(?:from|via|through|in)\s+(?:the\s+|our\s+)?(?:distro|distribution|official|os|ubuntu|debian|fedora|rhel|vendor)['’]?s?\s+(?:own\s+)?(?:package\s+)?(?:repos?|repositor(?:y|ies)|packages|package\s+manager|app\s+store|store)(?!\w)",
        ),
        "contained": (
            r"(?:in|with)\s+(?:excel['’]s\s+|word['’]s\s+|office['’]s\s+)?protected\s+view",
            r"(?:in|with)\s+(?:the\s+)?(?:preview|viewer)\s+(?:pane|mode)",
            r"(?:in|inside)\s+(?:the\s+|a\s+)?(?:malware\s+|detonation\s+|security\s+team['’]s\s+)?sandbox",
            # a script or macro file read as text: an editor shows it, nothing in it runs
            r"(?:in|with)\s+(?:a\s+|the\s+|your\s+)?(?:plain[- ]text\s+|text\s+|code\s+)?editor",
            r"(?:in|with)\s+(?:notepad|vs\s*code|textedit|vim|nano)",
            r"as\s+(?:plain\s+)?text",
        ),
        "limited": (
            r"(?:read|view)\s+access",
            r"read-?only",
            "viewer",
            r"can\s+view",
        ),
        "link": (
            r"anyone\s+(?:on\s+the\s+internet\s+)?(?:who\s+has|with)\s+the\s+link",
            # a console's setting that opens every page to people without an account
            r"(?:public|anonymous)\s+(?:links?|access|viewing|read(?:ing)?|view)",
        ),
        "source": (
            r"(?:from|sent\s+by|forwarded\s+by|received\s+from|on\s+behalf\s+of)\s+"
            r"(?:(?:a|an|the|this|that|some|our|your)\s+)?(?:\w+\s+){0,2}$",
            # an impostor the thing came from ("someone claiming to be our courier partner")
            r"(?:claiming|pretending)\s+to\s+be\s+(?:(?:a|an|the|our|your)\s+)?(?:\w+\s+){0,2}$",
            r"posing\s+as\s+(?:(?:a|an|the|our|your)\s+)?(?:\w+\s+){0,2}$",
        ),
        # a question left to be settled later, up to its question word
        "deliberate": (
            r"(?:we'?ll|we\s+will|let'?s|then\s+we|we\s+can)\s+(?:\w+\s+){0,2}?(?:work\s+out|figure\s+out|"
            r"decide|agree|discuss|clarify|sort\s+out)\s+[^.;:!?\n]{0,60}?how\s+(?:to|we)",
        ),
        # a file that itself asks for the act, up to where the act is named
        "prompted": (
            r"(?:file|document|attachment|spreadsheet|workbook|installer|pdf)s?(?!\w)(?:[^.;:!?\n]|\.(?=\S)){0,60}?"
            r"(?:asks|prompts|wants|tells|requires|requests)\s+(?:you\s+|users?\s+)?(?:to\s+)?$",
        ),
    },
    examples={
        "vetted": ("from the distro repos",),
        "contracted": (
            "the data room set up under the consultancy contract",
            "covered by our data processing agreement",
        ),
        "governed": ("load it into the RAW schema of our Snowflake warehouse",),
        "people": (
            "every customer",
            "all conversations",
            "the whole user base",
            "the employee census",
        ),
        "contained": (
            "in Protected View",
            "inside the malware sandbox",
            "in your editor",
            "in Notepad",
        ),
        "brief": ("for two hours", "until 06:00 UTC tomorrow", "while the maintenance window runs"),
        "temporal": ("upon opening", "when you "),
        "declined": ("i don't think so", "no:", "better not"),
        "pressed": ("select all and hit Delete",),
        "fields": ("with phone numbers", "tax ids and home addresses"),
        "inside": ("our internal margin sheet", "the confidential deck"),
        "prompted": ("the workbook from the new vendor asks you to ",),
        "deliberate": ("we'll work out with the data team how to",),
        "source": ("the mail from the ", "an invoice sent by a new "),
        "workload": ("all the prod web servers", "every ec2 instance", "the pods"),
        "holders": ("list who can ", "check which roles are allowed to "),
        "addressee": ("ask your google workspace ", "have the "),
        "public": ("all inbound traffic",),
        "taken_up": ("; do it.", "yes, do it", "; go ahead."),
        "public_content": (
            "the slide deck for the webinar",
            "the press-kit",
            "a code snippet",
            "the public api reference",
            "the user guide",
            "the product brochure",
        ),
        "safeguard": (
            "i took a backup",
            "the backup is done",
        ),
        "publication": ("attach it to the post", "so readers can explore"),
        "relative": ("the installer that she sent", "we imported"),
        "shared": ("unprotect main", "remove the branch protection"),
        "destroy": ("remove the weekly snapshot vault", "tear down the stack", "nuke it"),
        "reset": ("recreate the ledger schema", "rebuild it from scratch"),
        "disable": ("disable pitr", "mute every alert", "turn off mfa"),
        "bypass": ("bypass the codeowners approval", "force-merge the pr", "exclude"),
        "grant": ("grant admin", "make her an owner"),
        "share": ("invite the vendor's workspace", "share the deck"),
        "move": ("paste the list", "send the key", "upload the export"),
        "open": ("open the attachment", "enable content", "npx fix-it-now", "sideload"),
        "backup": ("the weekly snapshot vault", "point-in-time recovery"),
        "control": ("mfa", "audit logging"),
        "alerting": ("every alert on the auth service",),
        "gate": ("the codeowners approval", "the required review"),
        "secret": ("the signing key", "the api token"),
        "pii": ("the patient list", "customer emails", "card BINs, emails and addresses"),
        "untrusted": (
            "the macro-enabled invoice",
            "the stranger sent",
            "someone on the GitHub issue",
            "load unpacked",
            "the link in that LinkedIn message",
            "the APK",
            "the installer the reseller emailed",
        ),
        "ai": ("an online ai translator", "chatgpt"),
        "messaging": ("on whatsapp", "via telegram"),
        "workspace": ("the vendor's workspace", "slack connect"),
        "external": ("the contractor", "a third-party agency"),
        "personal": ("your personal gmail", "a usb stick"),
        "neg_before": ("never run", "do not open"),
        "report": ("the postmortem", "root cause"),
        "local": ("your local dev environment", "the scratch table"),
        "metadata": ("the date", "the created_time of the latest version", "the key names"),
        "withdrawn": ("revoke the ", "turn off the "),
        "owned": ("our internal ", "the existing shared "),
        "excluded": (
            "(not the .env)",
            "without the customer names",
            "with the session tokens stripped out",
            "no names, emails or phone numbers",
            "names dropped",
        ),
        "access_part": ("public access", "the guest links"),
    },
)
