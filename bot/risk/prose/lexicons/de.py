"""German. Nouns are matched inside compounds (Produktionsdatenbank, Sicherungen,
Signaturschlüssel); separable verbs are matched with their particle (schalte …
stumm, lade … hoch); participles narrate (gelöscht, abgeschaltet, deaktiviert)."""

from bot.risk.prose.lexicon import (
    ADMIN_ROLES,
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

_W = r"(?!\w)"
# up to sixteen words between a verb and its particle (a word may hold dots: 0.0.0.0/0)
_GAP = r"\s+(?:(?:[^\s.,;:!?]|[.:](?=\w))+\s+){0,20}?"
# the same with a relative clause about the object set off by commas ("führ das Skript, das
# jemand auf Reddit gepostet hat, auf dem Server aus"): the particle after it still belongs
_REL_GAP = (
    r"\s+(?:(?:[^\s.,;:!?]|[.:](?=\w))+\s+){0,6}?(?:[^\s.,;:!?]|[.:](?=\w))+,\s+(?:das|die|der|den|"
    r"dem|deren|dessen|welche[snmr]?)\s+[^.;:!?,]{1,100}?,\s+(?:(?:[^\s.,;:!?]|[.:](?=\w))+\s+){0,12}?"
)

LEXICON = lexicon(
    "de",
    spaced=True,
    compounds=True,
    markers=(
        "der die das den dem des und ist nicht mit für auf ein eine bitte zu im von per an "
        "alle jeder damit kann auch noch nach zum zur wir du ich sich sind wird dann oder "
        "aber wenn dass schon einfach direkt"
    ),
    noun_form=r"(?:ung|ungen|ungs|heit|keit)$",
    # "Deaktiviert die MFA!", "Entfernt die Backups": the ihr-imperative starts its clause
    imperative_form=r"t$",
    # weak participles (gelöscht, abgeschaltet) and strong ones (abgerissen, zugewiesen)
    past_form=r"^\w{0,6}ge\w{2,}(?:t|en)$|iert$|^(?:ent|ver|zer|über)\w+t$",
    entries={
        "destroy": (
            # coverage audit (issue 19)
            "beseitig",
            # ein gekündigter Hosting-Vertrag nimmt Maschinen und Platten mit ("kündige die
            # dedizierten Datenbankserver"); nicht "kündige das Abo"
            r"kündig\w*(?=\s+(?:\S+\s+){0,5}?\S*(?:server|instanz|instanzen|maschine|vm|cluster|datenbank)"
            r"\w*)",
            "tilg",
            rf"schieß\w*{_GAP}ab{_W}",  # "schieß den Cluster ab"
            "abschieß",
            "abzuschieß",
            rf"räum\w*{_GAP}ab(?=\s*(?:[.,;:!?]|$))",  # "räum die Tabelle ab"
            "plätt",
            rf"putz\w*{_GAP}weg{_W}",
            "wegputz",
            # formatting wipes a disk: "formatier die Platten", "die Platten formatieren"
            r"formatier\w*\s+(?:\S+\s+){0,4}?\S*(?:platte|laufwerk|volume|partition)\w*",
            r"\w*(?:platte|laufwerk|partition)\w*\s+(?:\S+\s+){0,4}?formatier\w*",
            "lösch",
            "losch",
            "entfern",
            "vernicht",
            "zerstör",
            # not the adjective after an article ("das leere Template")
            r"(?<!das )(?<!die )(?<!der )(?<!den )(?<!dem )(?<!ein )(?<!eine )(?<!einen )"
            f"leer(?:e|en|t|st)?{_W}",
            "bereinig",
            "verwirf",
            "verwerf",
            rf"mach\w*{_GAP}platt{_W}",
            r"platt\s*(?:zu\s*)?mach",  # verb-final: "den Cluster platt machen"
            rf"reiß\w*{_GAP}ab{_W}",
            "abreiß",
            # participles: past alone, asked for before "werden" ("muss gelöscht werden")
            "gelösch",
            "geleert",
            "abgebaut",
            "abgerissen",
            "wegräum",  # "die Snapshots wegräumen", "räum sie weg"
            "wegmach",  # "die Umgebung wegmachen", "hau die Snapshots weg"
            "weghau",
            rf"(?:mach|hau)\w*{_GAP}weg{_W}",
            f"kill(?:e|en|t|st)?{_W}",  # "kill den Produktionscluster"
            "wegzuräum",
            rf"räum\w*{_GAP}weg{_W}",
            "wegwerf",  # "wirf die Snapshots weg", "wegzuwerfen"
            "wegzuwerf",
            "wegwirf",
            rf"(?:wirf|werf|schmeiß|schmeiss|kipp)\w*{_GAP}(?:weg|raus){_W}",  # "kipp … weg"
            r"(?:weg|raus)(?:schmeiß|schmeiss|kipp)",
            "abbau",  # separable: "bau die Umgebung ab", verb-final "abbauen", "abzubauen"
            "abzubau",
            rf"bau\w*{_GAP}ab{_W}",
            f"dropp(?:e|en|t)?{_W}",
        ),
        "reset": (
            r"neu\s+(?:auf|an)(?:setzen|legen|bauen)?" + _W,
            rf"setz\w*{_GAP}neu\s+auf{_W}",
            r"neu\s+erstell",
            "zurücksetz",
            rf"setz\w*{_GAP}zurück{_W}",
            "neuinitialisier",
            "überschreib",
            r"von\s+grund\s+auf\s+neu",
        ),
        "disable": (
            # coverage audit (issue 19): separable verbs, particle at the clause end
            r"halt(?:e|et)?\s+(?:\S+\s+){1,6}?an(?=\s*(?:[.,;:!?]|$))",  # "halt die Backups an"
            "anhalt",
            "anzuhalt",
            rf"leg\w*{_GAP}still{_W}",
            "stilleg",
            "stillleg",
            "stillzuleg",
            r"außer\s+betrieb",
            r"ausser\s+betrieb",
            rf"dreh\w*{_GAP}ab{_W}",
            "abdreh",
            # "ein Wartungsfenster über alle Services anlegen": nichts alarmiert, solange es läuft
            "wartungsfenster",
            # a requirement relaxed
            "locker",
            "aufweich",
            r"(?:stell|schalt|setz)\w*\s+(?:\S+\s+){0,6}?(?:auf|in)\s+(?:den\s+)?(?:zähl|erkennungs|count)-?modus",
            # a control set to its off value ("setz die WAF auf deaktiviert", "Status auf inaktiv")
            r"(?:stell|schalt|setz)\w*\s+(?:\S+\s+){0,8}?auf\s+[„\"“']?(?:deaktiviert|inaktiv|off)(?!\w)",
            "aussetz",  # "die Backups bis auf Weiteres aussetzen"
            # a shorter retention keeps less: "verkürz die Aufbewahrung", "… auf einen Tag runter"
            r"(?:verkürz|reduzier|senk|setz)\w*\s+(?:\S+\s+){0,4}?aufbewahrung\w*",
            r"aufbewahrung\w*\s+(?:\S+\s+){0,8}?(?:runter|herab|verkürz\w*|reduzier\w*)(?!\w)",
            "auszusetz",
            "abgeschalt",
            "ausgeschalt",
            "abgestellt",
            "runterfahr",  # "fahr den Virenschutz runter", "herunterfahren"
            "herunterfahr",
            rf"fahr\w*{_GAP}(?:runter|herunter){_W}",
            # "mach die MFA aus"; a short gap: "mach … einen Termin … aus" agrees on one
            r"mach\w*\s+(?:\S+\s+){1,5}?aus(?!\w)",
            "abzuschalt",
            "auszuschalt",
            "abzustell",
            "deaktivier",
            rf"schalt\w*{_GAP}(?:ab|aus|stumm){_W}",
            "abschalt",
            "ausschalt",
            "stummschalt",
            "abstell",
            rf"stell\w*{_GAP}(?:ab|aus){_W}",  # "stell die 2FA für alle aus"
            # "heb den Branch-Schutz auf" (but "heb die Backups auf" keeps them)
            r"heb\w*\s+(?:\S+\s+){0,6}?\S*(?:schutz|sperre|beschränkung|einschränkung|pflicht)\w*"
            r"\s+(?:\S+\s+){0,6}?auf(?!\w)",
            r"\w*(?:schutz|sperre|beschränkung|pflicht)\w*\s+(?:\S+\s+){0,6}?auf(?:zu)?heb\w*",
            "auszustell",
            "ausstell",
            "abzustell",
            "stopp",
            "pausier",
            rf"setz\w*{_GAP}aus{_W}",
            r"auf\s+[„\"“]?aus[“\"”]?\s+(?:stell|setz|schalt)\w*",  # auf „Aus“ stellen
            "deinstallier",
            "abklemm",
            rf"nimm\w*{_GAP}(?:runter|weg|raus){_W}",  # "nimm die MFA runter"
        ),
        "bypass": (
            "aushebel",  # coverage audit: "aushebeln"
            rf"\w+{_GAP}vorbei{_W}",
            "umgeh",
            "überspring",
            "ignorier",
            rf"hebel\w*{_GAP}aus{_W}",
            "übergeh",
            "bypass",
            r"merg\w*\s+(?:\S+\s+){0,4}?ohne(?!\w)",  # "merge direkt auf main ohne Freigabe"
            r"ohne\s+(?:\S+\s+){0,4}?(?:zu\s+)?(?:mergen|pushen|deployen|zusammenzuführen|freizugeben)"
            + _W,
        ),
        "grant": (
            r"übertr(?:ag|äg)\w*",  # "übertrage ihm die Inhaberschaft des Shops"
            # coverage audit (issue 19)
            rf"schalt\w*{_GAP}frei{_W}",  # "schalte ihn für Adminrechte frei"
            "freischalt",
            "freizuschalt",
            "berechtig",
            rf"setz\w*{_GAP}als{_W}",  # "set X as owner"
            f"gib{_W}",
            f"geb(?:en|t)?{_W}",
            "erteil",
            "vergib",
            "vergeb",
            "gewähr",
            "beförder",
            rf"füg\w*{_GAP}hinzu{_W}",
            rf"mach\w*{_GAP}zum{_W}",
            "ernenn",
            rf"trag\w*{_GAP}ein{_W}",  # "trag ihn als Administrator ein"
            "zugewiesen",
            # the receiver as subject, verb-final in a "dass" clause: "sorg dafür, dass der
            # Dienstleister Adminrechte bekommt" (not the question "Bekommt er Adminrechte?")
            r"(?:bekomm(?:t|en|st)|erh(?:ält|alten|altet))(?=\s*(?:[.,;!]|$))",
            "eingeräumt",
            # "nimm ihn in die Gruppe Domain Admins auf" (not "nimm das Meeting auf")
            r"nimm\w*\s+(?:\S+\s+){0,4}?in\s+(?:die|den|das)\s+(?:\S+\s+){0,3}?auf(?!\w)",
            # einräumen, zuweisen, zuteilen: separable, and verb-final in the Sie-form
            "einräum",
            "einzuräum",
            rf"räum\w*{_GAP}ein{_W}",
            "zuweis",
            "zuzuweis",
            rf"weis\w*{_GAP}zu{_W}",
            "zuteil",
            "zuzuteil",
            rf"teil\w*{_GAP}zu{_W}",
        ),
        "share": (
            # "mach den Jenkins-Server aus dem Internet erreichbar": who may reach it, set
            # ("nur aus dem VPN erreichbar" narrows who may)
            r"mach\w*\s+(?!(?:\S+\s+){0,8}?nur\s)(?:\S+\s+){0,8}?(?:erreichbar|zugänglich)(?!\w)",
            # anonymer oder öffentlicher Zugriff in einer Konsole eingeschaltet
            r"(?:aktivier|erlaub|schalt)\w*(?=\s+(?:\S+\s+){0,3}?(?:anonyme|öffentliche)\w*\s+(?:zugriff|links?|freigabe))",
            # ein privater Ort öffentlich gemacht ("wandle den privaten Kanal in einen
            # öffentlichen um")
            r"(?:wandl|mach|konvertier)\w*\s+(?:\S+\s+){0,8}?(?:in\s+einen\s+|zu\s+einem\s+)?öffentlich",
            r"setz\w*\s+(?:\S+\s+){0,4}?in\s+(?:cc|kopie)(?!\w)",  # "setz den Berater in CC"
            r"nimm\w*\s+(?:\S+\s+){0,8}?(?:in|ins)\s+(?:\S+\s+){0,4}?auf(?!\w)",
            "aufnehm",
            "aufzunehm",
            rf"stell\w*{_GAP}um{_W}",
            rf"schalt\w*{_GAP}um{_W}",  # "schalt die Freigabe auf öffentlich um"
            rf"schalt\w*{_GAP}frei{_W}",  # "schalt den Link frei"
            "freischalt",
            rf"mach\w*{_GAP}(?:zugänglich|sichtbar){_W}",
            "umstell",
            "umschalt",
            # the zu-infinitive of a separable verb ("… auf „Jeder mit dem Link“ umzustellen")
            "umzustell",
            "umzuschalt",
            "freizugeb",
            "freizuschalt",
            "einzulad",
            # "stell das Verzeichnis auf „Jeder mit dem Link“": a setting chosen, no particle
            r"(?:stell|setz|schalt)\w*\s+(?:\S+\s+){0,8}?auf\s+[„\"“»]?(?:öffentlich|jede[rn]?[\s,]|alle\s)",
            f"teil(?:e|en|t)?{_W}",
            "freigeb",
            # verb-final and infinitive forms: "eine Regel, die Port 3389 für 0.0.0.0/0
            # freigibt", "den Port für alle freizugeben"
            "freigib",
            "freigegeb",
            "freizugeb",
            rf"gib{_GAP}frei{_W}",
            rf"lad\w*{_GAP}ein{_W}",
            "einlad",
            "veröffentlich",
            rf"mach\w*{_GAP}öffentlich\w*",
            # "stell die Aufzeichnung öffentlich auf YouTube" (not "stell sicher, …")
            r"stell\w*\s+(?!sicher)(?:\S+\s+){0,8}?öffentlich",
            # "ändere den allgemeinen Zugriff auf „Jeder mit dem Link“": who may open it
            r"änder\w*\s+(?:\S+\s+){0,3}?(?:\w*zugriff\w*|freigabe\w*|sichtbarkeit)",
            # "die Agentur in den privaten Kanal holen": verb-final, brought into a channel
            r"(?:in|ins)\s+(?:\S+\s+){0,4}?\S*(?:kanal|channel|gruppe)\S*\s+(?:\S+\s+)?(?:hol|aufnehm|einlad)\w*",
            rf"füg\w*{_GAP}hinzu{_W}",
        ),
        "move": (
            # an einem privaten Ort gespeichert ("speichere die Datei in deinem privaten Dropbox")
            r"speicher\w*\s+(?:\S+\s+){0,8}?(?:in|auf|im|ins)(?=[^.;,\n]{0,30}?(?:privat|persönlich))",
            # coverage audit (issue 19)
            "übermittl",  # "übermittle"
            # im Kanal angepinnt ("pinn das Passwort in #ops an"): ein Wert, den alle dort lesen
            "anpinn",
            f"pinn(?:e|en|t|st)?{_W}",
            r"häng\w*\s+(?:\S+\s+){1,6}?an(?=\s*(?:[.,;:!?]|$))",  # "häng die Datei an"
            rf"gib\w*{_GAP}weiter{_W}",
            "weitergeb",
            "weiterzugeb",
            r"mail(?:e|st)?(?=\s+(?:ihm|ihr|ihnen|dem|der|den)\s)",  # "mail der Agentur die Liste"
            # "stell den Bericht in unseren Blog", "… öffentlich auf die Website stellen"
            r"stell(?:e|t|en|st)?\s+(?:\S+\s+){1,10}?(?:in|auf)\s+(?:den|das|die|unser\w*|ihr\w*)\s+"
            r"\S*(?:blog|website|webseite|homepage|forum|seite)\w*",
            r"(?:auf|in)\s+(?:den|das|die|unser\w*|ihr\w*)\s+\S*(?:blog|website|webseite|homepage|forum)"
            r"\w*\s+(?:zu\s+)?stell(?:en|t)(?!\w)",
            # in einen Ort importiert ("importier die Liste in sein privates Notion")
            r"importier\w*",
            "schick",
            f"send(?:e|en|et)?{_W}",
            "versend",
            "kopier",
            "einfüg",
            rf"füg\w*{_GAP}ein{_W}",
            rf"lad\w*{_GAP}hoch{_W}",
            "hochlad",
            "hochzulad",
            "weiterzuleit",
            # attached to an issue, a ticket or a mail ("häng die Logs an das Issue an")
            "anhäng",
            "anzuhäng",
            r"häng\w*\s+(?:\S+\s+){0,12}?an\s+(?:das|den|die|eine?[nms]?|unser\w*|sein\w*|ihr\w*|dein\w*)\s+"
            r"(?:\S+\s+)?\S*(?:issue|ticket|forum|thread|mail|beitrag|post)\w*",
            "übertrag",
            rf"leit\w*{_GAP}weiter{_W}",
            "weiterleit",
            f"post(?:e|en){_W}",
            rf"(?:ver)?schieb(?:e|en|t|st)?{_W}",  # "schieb die Datei in den öffentlichen Ordner"
            f"leg(?:e|t|en)?{_W}",  # "… in seinen Ordner legen": the verb at the end
            f"ableg(?:e|t|en)?{_W}",  # "leg die Datei ins öffentliche Repository"
            rf"stell\w*{_GAP}(?:ein|online){_W}",
            rf"gib\w*{_GAP}durch{_W}",  # "gib ihm das Passwort per SMS durch"
            # "lad die Akten auf einen USB-Stick", "nimm sie mit nach Hause": carried somewhere
            r"lad\w*\s+(?:\S+\s+){0,6}?auf\s+(?:einen|den|deinen|dein|das|ihren|seinen)\s",
            # "lad den Export in den öffentlichen Bucket": uploaded there
            r"lad(?:e|t|en)?\s+(?:\S+\s+){1,8}?in\s+(?:den|das|die|unser\w*|ihr\w*|sein\w*)\s",
            r"nimm\w*\s+(?:\S+\s+){0,6}?mit\s+(?:nach\s+hause|heim)",
            rf"trag\w*{_GAP}ein{_W}",  # "trag das Passwort ins Wiki ein"
            r"schreib\w*\s+(?:\S+\s+){0,8}?in(?:s|\s+(?:die|den|das))\s",  # "… in die config.yaml"
            "durchgeb",
            # "stell/pack den Schlüssel in den Kanal": put into a place, no particle
            r"(?:stell|pack|häng|haeng)\w*\s+(?:\S+\s+){0,8}?in\s+(?:den|das|die|unser\w*)\s+"
            r"\S*(?:kanal|channel|chat|gruppe|wiki|ticket|repo)\w*",
        ),
        "open": (
            rf"(?:gib|schalt)\w*{_GAP}frei{_W}",  # coverage audit: "gib den Port frei"
            "freigeb",
            "freischalt",
            # a firewall rule added or created: what it lets in is the opening ("in der
            # Security Group eine Regel für Port 5432 von 0.0.0.0/0 hinzufügen", "füge eine
            # Ausnahme … hinzu", "leg einen Eintrag … an")
            r"(?:regel|ausnahme|eintrag)\w*\s+(?:\S+\s+){0,12}?(?:hinzu(?:zu)?f(?:ü|ue)g|an(?:zu)?leg)",
            r"(?:füg|fueg|leg)\w*\s+(?:\S+\s+){0,8}?(?:regel|ausnahme|eintrag)\w*\s+(?:\S+\s+){0,12}?"
            r"(?:hinzu|an)(?!\w)",
            # "eine Portfreigabe einrichten": set up, the port is opened
            "einricht",
            "einzuricht",
            rf"richt\w*{_GAP}ein{_W}",
            rf"mach\w*{_GAP}erreichbar{_W}",
            rf"mach\w*{_GAP}auf{_W}",  # "mach den Port 3389 für alle auf"
            "aufmach",
            "aufzumach",
            f"öffne(?:n|t)?{_W}",
            "oeffn",
            r"aktivier\w*\s+(?:\S+\s+){0,10}?(?:makros|inhalt)",
            rf"führ\w*{_GAP}aus{_W}",
            rf"führ\w*{_REL_GAP}aus{_W}",
            rf"lass\w*{_GAP}laufen{_W}",
            rf"(?:steck|stöpsel|stoepsel)\w*{_GAP}(?:an|ein){_W}",  # a found USB stick
            # "steck den Stick in deinen Rechner": the place instead of the particle
            r"(?:steck|stöpsel|stoepsel|häng|haeng)\w*\s+(?:\S+\s+){0,16}?(?:in|an)\s+(?:den|dem|deinen|deinem|ihren|ihrem|einen|einem|"
            r"dein|ihr|ein)?\s*\S*(?:rechner|laptop|pc|computer|notebook|mac|port|anschluss|buchse)",
            "anstecken",
            "einstecken",
            "ausführ",
            "installier",
            f"klick(?:e|en|t|st)?{_W}",  # "klick auf den Link in der verdächtigen Mail"
            "anklick",
            rf"hau\w*{_GAP}drauf{_W}",  # "hau das Skript auf den Server drauf"
            "aufmach",  # "mach den Port für alle auf"
            r"lass\w*\s+(?:\S+\s+){0,8}?offen(?!\w)",  # "lass den SSH-Port für alle offen"
            "erlaub",  # "erlaube 0.0.0.0/0 auf Port 5432"
            # "stell die Security Group auf 0.0.0.0/0": a setting to the open internet
            r"(?:stell|setz)\w*\s+(?:\S+\s+){0,6}?auf\s+(?=0\.0\.0\.0/0|::/0)",
            rf"mach\w*{_GAP}auf{_W}",
            "einspiel",  # "spiel das Skript auf dem Server ein"
            rf"spiel\w*{_GAP}ein{_W}",
            f"start(?:e|en)?{_W}",
        ),
        "data": (
            # coverage audit: "die Prod-DB"; not "feedback", nor mongosh's "db.orders", "db_name"
            r"(?<![\w.$])dbs?(?!\w|[.$]\w)",
            # internal pricing: confidential business data
            r"interne[nr]?\s+(?:preise|preislisten?|margen|kosten)",
            r"crm(?!\w)",
            r"branch\s+main",
            r"release-tags?",
            "datenbank",
            "schema",
            "hauptbuch",
            "datensatz",
            "datensätze",
            "daten(?!bank)",
            "bucket",
            "repositor",
            "archiv",
            f"tabellen{_W}",
            "historie",
            "verlauf",
        ),
        "data_weak": (
            # the records a business console holds (CRM, Support, Recruiting)
            r"kontakte(?![a-zäöüß])",
            r"tickets(?![a-zäöüß])",
            r"datensätze",
            r"unterhaltungen",
            r"konversationen",
            r"bewerbungen",
            r"bewerberprofile",
            r"leads(?![a-zäöüß])",
            r"verkaufschancen",
            # a workspace or an IaC stack holds data and systems
            "arbeitsbereich",
            r"(?<!google\s)(?<!unser\s)(?<!unseren\s)(?<!unserem\s)workspace",
            "stack",
            r"virtuell\w*\s+maschine",
            r"vms?(?![a-zäöüß])",
            "festplatte",
            "knoten",  # VMs, disks
            "aufnahme",
            "notebook",
            "arbeitsmappe",
            "folien",
            "mitschnitt",
            "bereich",
            f"tabelle{_W}",
            "datei",
            "ordner",
            "verzeichnis",
            f"repos?{_W}",
            f"boards?{_W}",
            "präsentation",
            "aufzeichnung",
            "branch",
            "zweig",
            "dokument",
            f"liste{_W}",
            "bericht",
            "server",
            "instanz",
            "dienst",
            "umgebung",
            "projekt",
            "volume",
            f"kanal{_W}",
            "protokoll",
            r"(?<!kata)logs(?!\w)",  # Produktionslogs
            "logdatei",
            "csv",
            "excel",  # a spreadsheet by its program ("un Excel con todos los clientes")
            "xlsx",
            "transkript",
        ),
        "system": (
            "cluster",
            "infrastruktur",
            r"load-?balancer",  # the edge of a service
            r"vpcs?(?!\w)",
            r"dns-zone",
            "namespace",
            "mandant",
            "organisation",
            "abonnement",
            "kubernetes",
        ),
        "backup": (
            "versionsverlauf",
            "versionshistorie",
            "versionsverwaltung",
            r"(?:alte|ältere|frühere)n?\s+versionen",
            "wiederherstellungspunkt",  # coverage audit
            "papierkorb",
            r"legal\s+hold",
            "sicherung",
            "backup",
            "snapshot",
            "tresor",
            "point-in-time",
            "zeitpunktwiederherstellung",
            r"wiederherstellung\w*\s+zu\s+einem\s+zeitpunkt",
            "pitr",
            "replikat",
            "aufbewahrung",
            "versionierung",
            "notfallwiederherstellung",
        ),
        "control": (
            # was eine Zahlung ungeprüft aufhält: Betrugserkennung und eine zweite Person
            r"betrugs(?:erkennung|prüfung|pruefung|schutz|regeln?|filter|abwehr|prävention)",
            r"vier-?\s*augen",
            r"(?:zweite|doppelte|zweifache)\s+(?:freigabe|genehmigung|unterschrift|prüfung)",
            r"zweite[rn]?\s+(?:genehmiger|freigeber|unterzeichner|prüfer)",
            r"viren(?:scanner|schutz)",  # coverage audit
            *CONTROL_PRODUCTS,
            r"guard\s*duty",
            r"security\s*hub",
            r"safe\s+(?:links|attachments)",
            r"siem(?!\w)",
            r"(?:microsoft\s+)?sentinel\s+(?:analytics|rules?|connectors?|workspace)",
            r"bedingte[nrs]?\s+zugriff",
            r"conditional\s+access",
            "anmelderisik",
            "risikoerkennung",
            "bedrohungserkennung",
            "angriffserkennung",
            r"usb-sperre",
            "gerätesperre",
            "dlp",
            r"edr(?!ive)",  # not "OneDrive"
            "sensor",
            f"mfa{_W}",
            f"2fa{_W}",
            r"zwei-?\s*faktor",
            r"mehr-?faktor",
            "audit",
            "protokollierung",
            "firewall",
            "virenschutz",
            "defender",
            "antivirus",
            "verschlüsselung",
            "schutz",
            "sicherheit",
            f"sso{_W}",
        ),
        "gate": (
            *GATE_SETTINGS,
            r"vor\s+dem\s+(?:merge|mergen|zusammenführen)\w*",
            r"pflicht-?(?:prüfung|check)\w*",
            r"freigabe(?!-?\s*links?)",  # a "Freigabelink" is a share link
            "prüfung",
            "review",
            "genehmigung",
            "codeowners",
        ),
        "secret": (
            r"(?<!öffentlichen )(?<!öffentliche )(?<!öffentlicher )(?<!öffentlichen ssh-)"
            r"(?<!ver)schlüssel",  # not "verschlüsselt" (encrypted)
            "passwort",
            "passwörter",
            "kennwort",
            "geheimnis",
            "secret",
            "token",
            "zugangsdaten",
            r"(?<![\w.])\.env(?!\w)",
            "anmeldedaten",
            "zertifikat",
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            *SECRET_FILES,
        ),
        "pii": (
            # what is sent carries personal fields ("der Export mit allen Kontakten, …")
            r"mit\s+(?:allen\s+|den\s+|ihren\s+|vollen\s+)?(?:namen|kontakten|telefonnummern|"
            r"handynummern|adressen|e-?mail-?adressen|lebensläufen|bankverbindungen|"
            r"geburtsdaten)(?!\w)",
            # a whole set of people's records ("die komplette Mitgliederliste", "die
            # Schülerdatenbank", "alle Kontakte", "sämtliche Bewerber"): personal data in bulk
            r"(?:mitglieder|schüler|schueler|studenten|studierenden|bewerber|kandidaten|leads?|"
            r"spender|abonnenten|interessenten|kontakt|teilnehmer|patienten)-?(?:liste|listen|"
            r"datenbank|daten|kartei|export|stamm|verzeichnis|adressen)",
            r"(?:allen?|sämtlichen?|kompletten?|gesamten?)\s+(?:\w+\s+)?(?:kontakten?|leads|"
            r"mitglieder[n]?|schüler[n]?|bewerber[n]?|kandidaten|spender[n]?|abonnenten|patienten|"
            r"teilnehmer[n]?)(?!\w)",
            # a personal field beside others ("E-Mail-Adressen und Bankverbindungen")
            r"(?:namen|e-?mail-?adressen|telefonnummern|adressen|lebensläufe[n]?|bankverbindungen)"
            r"\s*(?:,\s*(?:und\s+)?|und\s+)(?:namen|e-?mail-?adressen|telefonnummern|adressen|"
            r"lebensläufe[n]?|bankverbindungen|noten|geburtsdaten)(?!\w)",
            # two personal fields listed together: records of people ("correos y teléfonos")
            r"(?:namen|e-?mail-?adressen|e-?mails|telefonnummern|handynummern|anschriften|adressen|geburtsdaten|ibans?|kontonummern|kaufhistorie\w*)"
            r"\s*(?:,\s*(?:und\s+)?|und\s+)(?:namen|e-?mail-?adressen|e-?mails|telefonnummern|handynummern|anschriften|adressen|geburtsdaten|ibans?|kontonummern|kaufhistorie\w*)(?!\w)",
            r"lohn(?:abrechnung|zettel|liste|daten|konto)",
            "vorstand",
            "aufsichtsrat",
            "patient",
            "kunden(?!dienst)",
            "personenbezogen",
            "personaldaten",
            "gehalt",
            "gehälter",
            f"lohn{_W}",
            "mitarbeiter",
            "medizin",
            "gesundheitsdaten",
            r"bewerb(?:er|ung)",  # applicants' data
            "krankenakte",
            "reisepass",
            "kreditkart",
            "adressen",
            "verträge",
            "rechnungen",
            "vertraulich",
        ),
        "people": (
            # eine ganze Population ("alle Kunden", "sämtliche Nutzer", "jeden Kunden", "alle
            # Tickets"); German nouns stand inside compounds, so the noun may start a word part
            r"(?:alle[n]?|sämtliche[n]?|jede[nr]?)\s+(?:unsere[nr]?\s+|die\s+|den\s+|eure[nr]?\s+)?"
            r"(?:[\w-]+\s+)?(?:kunden|kundinnen|nutzer|benutzer|user|mitglieder|mitarbeite|"
            r"beschäftigte|patienten|kontakte|abonnenten|bewerber|tickets|konversationen|gespräche|"
            r"chats)",
            # the whole set by its collective noun ("Kundenbestand", "Kundenstamm",
            # "Nutzertabelle", "die Tabelle users")
            r"(?:kunden|nutzer|benutzer|mitglieder|abonnenten|patienten|kontakt|mitarbeiter)"
            r"(?:bestand|stamm|kartei|datei|tabelle|datenbank|verzeichnis)",
            r"tabelle\s+(?:der\s+)?(?:users|customers|kunden|nutzer|benutzer|mitglieder)(?!\w)",
        ),
        "governed": (
            r"in\s+unser(?:e|en)?\s+(?:[\w-]+\s+)?(?:data[\s-]*warehouse|datenlager|data[\s-]*lake|dwh)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:lad|import|übernehm|einspiel|einles)\w*",
        ),
        "admin": (
            "owner",
            "inhaber",
            # not an admin role scoped to one area ("Lizenzadministrator", "Projektadmin")
            r"(?<!lizenz)(?<!abrechnungs)(?<!helpdesk)(?<!helpdesk-)(?<!projekt)(?<!kanal)(?<!gruppen)"
            r"(?<!kalender)admin(?!\s*-?\s*(?:center|centre|konsole|bereich|oberfläche|portal|panel))",
            "eigentümer",
            "besitzer",
            "superuser",
            "vollzugriff",
            r"voll(?:e|en)?\s+zugriff",
            r"alle\s+rechte",
            r"root-?rechte",
            r"alle\s+daten\s+(?:ändern|bearbeiten|anzeigen)",  # Salesforce "Alle Daten ändern"
            *ADMIN_ROLES,
        ),
        "untrusted": (
            # woher der Code laut der Nachricht selbst kommt: niemand steht dafür ein
            r"(?:file|datei|share)-?hoster",
            r"filesharing",
            r"(?:erneut|neu)\s+hochgeladen",
            r"(?:aus|von)\s+(?:einem|dem)\s+(?:discord-?server|telegram-?(?:gruppe|kanal))",
            r"(?:auf|in)\s+(?:einem|dem)\s+(?:discord-?server|telegram-?(?:gruppe|kanal))\s+(?:gepostet|geteilt|hochgeladen)",
            r"(?:gestern|vorgestern|heute|vor\s+(?:wenigen|zwei|drei|\d+)\s+(?:stunden|tagen))\s+(?:\S+\s+){0,3}?"
            r"(?:veröffentlicht|hochgeladen)",
            r"(?:neue[sn]?|anonyme[sn]?|frisch\s+angelegte[sn]?)\s+(?:konto|account)",
            r"ohne\s+quellcode",
            r"(?:nicht|un)\s*signiert",
            r"lösegeld\w*",
            r"(?:berater|dienstleister|besucher|lieferant|externe[nr]?)\w*\s+(?:\S+\s+){0,4}?(?:per\s+)?usb-?stick",
            "parkplatz",
            r"gefunden\w*",
            "fundstück",
            "forum",
            # jemand Unbekanntes im Netz ("das jemand in einem GitHub-Issue gepostet hat")
            r"jemand\s+(?:\S+\s+){0,5}?(?:gepostet|geteilt|empfohlen|geschickt|vorgeschlagen)" + _W,
            r"(?:github-?)?issue\s+(?:\S+\s+){0,2}?gepostet" + _W,
            r"stack\s*overflow",
            "reddit",
            # eine Erweiterung außerhalb des Stores geladen ("Entwicklermodus", "entpackte
            # Erweiterung laden")
            r"entwickler-?modus",
            r"entpackte\s+erweiterung",
            r"we\s*transfer",
            r"(?<![\w.])apk(?!\w)",
            r"angeblich\w*",
            r"sogenannt\w*",
            r"\.(?:vsix|apk|msi|dmg|crx|jar)" + _W,
            "anydesk",
            "teamviewer",
            "makro",
            r"inhalt\s+aktivieren",
            "unbekannt",
            r"(?:gefunden|herrenlos|lag\s+ein)\w*",  # a stick found lying around
            r"fund(?:büro|buero|sache|stück)",
            "fremde",
            "phishing",
            "verdächtig",
            r"nicht\s+verifiziert",
            r"\.(?:exe|scr|iso|lnk|xlsm|docm)" + _W,
            # cracked, pirated or unofficial software
            r"(?:ge)?crack\w*",
            "keygen",
            "raubkopie",
            r"inoffiziell\w*",
        ),
        "prod": ("produktion", f"prod{_W}", f"live{_W}"),
        "bulk": (
            "vollständig",
            f"alle(?:s|n)?{_W}",
            "sämtlich",
            "gesamte",
            "komplett",
            f"jede(?:n|s)?{_W}",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"(?:den\s+)?(?:gesamten|allen|jeglichen)\s+eingehenden\s+(?:verkehr|traffic|datenverkehr)"
            + NO_SOURCE,
            r"alle\s+eingehenden\s+verbindungen" + NO_SOURCE,
            r"(?:auf|in)\s+(?:die|der|den|unsere[rnm]?|unser)\s+(?:website|webseite|homepage|internetseite|"
            r"internetauftritt)",
            # the company blog and press releases are public
            r"(?<!intern)blog",
            "pressemitteilung",
            # a port forwarded on a router or NAT: reachable from the internet
            r"port-?freigabe\w*",
            r"port-?weiterleitung\w*",
            r"nat-?regel\w*",
            r"für\s+die\s+ganze\s+welt",  # opened to, not "Kunden in der ganzen Welt"
            r"weltweit\s+(?:erreichbar|zugänglich|offen|sichtbar|freigegeben|frei)",
            r"0\.0\.0\.0/0",
            r"::/0",
            # not the public half of a key pair ("seinen öffentlichen SSH-Schlüssel")
            r"(?<!ver)öffentlich(?!\w*\s+(?:[\w]+-)?(?:schlüssel|key|doku|dokumentation|preisliste|roadmap|referenz))",
            # put into the public documentation: a place anyone reads
            r"in\s+(?:die|der|unsere|unserer)\s+öffentliche\w*\s+(?:[\w]+-)?(?:doku|dokumentation)",
            # Drive's own label: „Jeder, der über den Link verfügt“
            r"jede[rn]?,?\s+(?:der|die)\s+(?:\S+\s+){0,3}?(?:den\s+)?link",
            r"anonym(?!isier)",  # anonymous access, not anonymized data
            "internet",
            r"ohne\s+(?:login|anmeldung|konto|zugangsdaten)",  # opened with no sign-in
            r"(?:jede|beliebige?n?)\s+(?:ip|quell|adress)\w*",  # "für jede IP"
            r"(?:für|von|aus)\s+alle[nm]?\s+(?:ip|quell|adress)\w*",  # "für alle Adressen"
            r"von\s+überall",
            r"(?:von|nach)\s+außen",  # "von außen erreichbar", "nach außen freigeben"
            # "für alle" at the end of what is opened, not "für alle Server"
            r"für\s+(?:alle|jeden)(?=\s*[.,;!?)]|\s+(?:auf|frei|offen|zugänglich|erreichbar)\b)",
            r"(?:jeder|alle)\s+mit\s+dem\s+link",
            # "per Link mit jedem, der ihn hat"
            r"jede[mnr]?,?\s+(?:der|die)\s+(?:den\s+link|ihn|es)\s+(?:hat|kennt|bekommt)",
            # "…, damit jeder ihn öffnen kann": anyone at all, not a named colleague
            r"(?:damit|sodass|so\s+dass)\s+(?:jede[rn]?|jedermann|alle(?!\s+(?:im|in|aus|vom|von|bei)\b))\s+(?:\S+\s+){0,3}?"
            r"(?:öffnen|sehen|lesen|aufrufen|zugreifen|herunterladen|ansehen)",
            *SOCIAL_SITES,
        ),
        "everyone": (
            r"(?:alle|jede[rn]?)\s+(?:im|in\s+der)\s+(?:firma|unternehmen|belegschaft)",
            r"(?:ganze|gesamte)n?\s+belegschaft",
            r"alle\s+mitarbeite",
            r"(?:ganze|gesamte)n?\s+(?:firma|unternehmen)",
            *WIDE_CHANNELS,
        ),
        "external": (
            r"reseller(?:n|s)?(?!\w)",
            r"wiederverkäufer(?:n|s)?(?!\w)",
            # a distributor or reseller: another company
            r"(?:vertriebs)?händler(?:n|s)?(?!\w)",
            r"distributor(?:en)?(?!\w)",
            # someone the writer knows outside the company, and their firm
            r"(?:meine[sr]?|eine[sr]?|deine[sr]?|seine[sr]?)\s+(?:\w+\s+)?(?:bekannte[nr]?|freund(?:e[s]?|in)?|kumpel[s]?|cousin[s]?|schwager[s]?|ex-kolleg\w*)(?!\w)",
            r"start-?ups?(?!\w)",
            r"steuerberat",
            r"kanzlei",
            r"wirtschaftsprüf",
            r"datenraum",
            "dienstleister",
            "headhunter",
            "personalvermittl",
            "auftragnehmer",
            "lieferant",
            "agentur",
            "berater",
            "partner",
            "extern",
            "dritt",
            "freelancer",
            "freiberufler",
            "fremde",
        ),
        "personal": (
            # one's own computer: the data leaves the systems that guard it
            r"(?:deine[nm]?|meine[nm]?|seine[nm]?|ihre[nm]?|(?:den|einen)\s+(?:eigenen|privaten))\s+(?:laptop|rechner|pc|computer|notebook|mac)(?!\w)"
            r"(?!\s+(?:von\s+der\s+firma|aus\s+der\s+firma))",
            r"privat(?:e[nrm]?)?\s+(?:laptop|rechner|pc|computer|notebook)(?!\w)",
            r"(?:auf\s+(?:den|deinen|dem|deinem)|deine[nm]?)\s+desktop(?!\w)",
            "wetransfer",  # a public file drop
            "yahoo",
            "icloud",
            r"(?<!auf )(?<!auf „)(?<!auf \")privat",  # not "auf privat stellen"
            "persönlich",
            r"(?:zu|nach)\s*hause",
            "daheim",
            "gmail",
            f"usb{_W}",
            "dropbox",
        ),
        "ai": (
            r"online-?(?:übersetzer|tool|dienst|transkri|zusammenfass|konverter|umwandler|"
            r"komprimierer|pdf)",
            *AI_SITES,
            *AI_TOOLS,
            f"(?<!wi)ki{_W}",  # "Online-KI", not "Wiki"
            "chatgpt",
            r"künstliche\w*\s+intelligenz",
            "übersetzer",
            "deepl",
        ),
        "messaging": ("whatsapp", "telegram", f"signal{_W}", f"sms{_W}", "messenger"),
        "workspace": (
            r"(?:zu\s+den|in\s+die|zur\s+liste\s+der)\s+(?:erlaubten|zugelassenen|freigegebenen|"
            r"vertrauenswürdigen)\s+domains?",
            r"als\s+g(?:ast|äste)",
            "gastzugang",
            "gastkonto",
            "arbeitsbereich",
            "workspace",
            r"slack\s+connect",
        ),
        "declined": (
            r"ich\s+(?:glaube|denke|finde|würde\s+sagen)\s+nicht",
            r"(?:lieber|eher|besser|bloß|bloss)\s+nicht",
            r"auf\s+keinen\s+fall",
            r"nein(?=\s*[.!,:;—–-])",
        ),
        "warning": (
            # a rule about the act, not a request: "… ist nur nach Freigabe erlaubt"
            r"nur\s+(?:nach|mit)\s+(?:\w+\s+){0,2}?(?:freigabe|genehmigung|zustimmung)",
            r"(?:braucht|erfordert|benötigt|bedarf)\s+(?:eine[r]?\s+)?(?:\w+\s+)?(?:freigabe|genehmigung|zustimmung)",
            r"(?:freigabe|genehmigungs)pflichtig",
        ),
        "nonprod": (
            r"(?:entwicklungs|test|dev|qa|demo)-?(?:umgebung|cluster|server|instanz|container|"
            r"datenbank|system|projekt|bucket|tabelle|schema|konto|ordner)",
            r"für\s+(?:die\s+)?(?:entwicklung|tests)(?!\w)",
        ),
        "neg_before": (
            "nichts",
            "niemand",  # "dass niemand die MFA abschaltet"
            # "ohne die Makros zu aktivieren": up to a few words between
            r"ohne\s+(?:[\w-]+\s+){0,4}?zu",
            "nicht",
            "niemals",
            "nie",
            r"kein(?:e|en|er|es)?",
            "keinesfalls",
            r"auf\s+keinen\s+fall",
            "statt",
            "anstatt",
            "verboten",
        ),
        "neg_after": (
            r"auf\s+keinen\s+fall",
            "nichts",
            "nicht",
            "niemals",
            "nie",
            "keinesfalls",
            "verboten",
        ),
        "purpose_neg": (
            r"um\s+(?:[\w-]+\s+){0,5}?nicht\s+(?:[\w-]+\s+)?zu\s+[\w-]+",
            r"damit\s+(?:[\w-]+\s+){0,5}?nicht\s+[\w-]+",
        ),
        "topic": (r"(?:zu|zur|zum|bezüglich|betreffend|wegen|hinsichtlich|was)\b",),
        "affirm": (
            r"vergiss\s+nicht",
            # ein Vorschlag als verneinte Frage: "wäre es nicht einfacher, …", "warum nicht …"
            r"wäre\s+es\s+nicht\s+(?:viel\s+)?(?:einfacher|leichter|schneller|besser|praktischer)",
            r"warum\s+nicht",
            r"vergessen\s+sie\s+nicht",
            r"nicht\s+vergessen",
            r"nicht\s+nur",
            r"zögere\s+nicht",
        ),
        "hypothetical": (
            "hypothetisch",
            # an opinion that it is not needed: "ich glaube nicht, dass wir … löschen sollten"
            r"(?:glaube|denke|finde)\s+(?:\w+\s+)?nicht,?\s+dass",
            r"nicht\s+(?:nötig|notwendig|erforderlich)",
            r"was\s+wäre",
            r"was\s+passiert",
            r"was\s+würde",
            "angenommen",
            r"stell\s+dir\s+vor",
            r"zum\s+beispiel",
        ),
        "conditional": ("wenn", "falls", "würde", "würden"),
        "report": (
            r"(?<!von\s)gestern",  # "yesterday's commit" reports nothing
            r"(?<!von\s)(?<!der\s)letzte[n]?\s+woche",
            r"letzten\s+monat",
            r"vor\s+\w+\s+(?:tagen|wochen|monaten)",
            r"(?<!nach der )ursache",  # not "frag nach der Ursache"
            "postmortem",
            "vorfall",
            "störung",
            "ausfall",
            "versehentlich",
            r"aus\s+versehen",
        ),
        "local": (
            r"lokal\w*",
            "localhost",
            "laptop",
            r"dein\w*\s+(?:rechner|maschine)",
            r"feature-?branch",  # the reader's own branch, as in English
            r"dein\w*\s+(?:eigen\w*\s+)?branch",
            "sandbox",
            r"docker\s+compose",
        ),
        "exception": (r"ausnahme\w*",),
        "export": (
            f"dump(?:e|en|t)?{_W}",  # coverage audit
            "export",
            "herunterlad",
            "herunterzulad",
            rf"lad\w*{_GAP}herunter{_W}",
            f"zieh(?:e|en|t)?{_W}",
            # ein wiederkehrender Export eingerichtet ("richte einen nächtlichen Export … ein",
            # "plane einen täglichen Export"): jeder Lauf ist der Export
            r"(?:richt|plan|konfigurier|leg|erstell|automatisier)\w*\s+(?:einen|den|eine|die)\s+"
            r"(?:[\w-]+\s+){0,2}?\w*(?:export|abzug|auszug|datenfeed|feed)",
            # ein Bericht über Personen erstellt ("erstell den vollständigen Mitarbeiterbericht")
            r"(?:erstell|generier)\w*\s+(?:den|einen)\s+(?:[\w-]+\s+){0,2}?\w*(?:bericht|report|liste)",
        ),
        "alerting": (
            *PAGERS,
            "paging",
            "pager",
            "rufbereitschaft",
            "benachrichtigung",
            "alarm",
            "warnung",
            "alert",
            "überwachung",
            "monitoring",
        ),
        "network": (
            "firewall-regel",  # coverage audit
            # a port opened or forwarded on the router
            r"port-?(?:freigabe|weiterleitung)\w*",
            f"ports?{_W}",
            f"ssh{_W}",
            f"rdp{_W}",
            "firewallregel",
            "sicherheitsgruppe",
            *PORT_SPECS,
        ),
        "channel": (
            r"kan(?:al|äle)(?!\w)",
            r"(?:in|im|über|per|via|auf)\s+(?:slack|teams|discord|mattermost|google\s+chat)(?![\w-]|\.\w)(?!\s+(?:admin|sso|workspace|apps?|connect|groups?|settings|api|bot|tokens?|webhooks?|integrations?|accounts?|enterprise|grid|console|users?|org|guests?)\b)",
            r"(?<![\w#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
            "gruppenchat",
            r"(?:ins|im|ans|in\s+(?:das|dem|ein|unser|ihr))\s+(?:[\w-]+\s+){0,2}?"
            r"(?:\w*tickets?|jira|zendesk|servicenow)(?![\w-])",
        ),
        "withheld": (
            r"weg(?:lassen|gelassen|lässt)",
            r"aus(?:schließen|geschlossen|nehmen)",
            r"ohne\s+(?:die\s+|den\s+|das\s+)?(?:umgebung|environment|env|tokens?|geheimnisse|schlüssel|"
            r"passwörter|tfstate|\.env|state)",
            r"platzhalter\w*",
            r"(?:entfernen|entfernt)\b",
        ),
        "sanctioned": (
            r"intern\w*\s+(?:\w+\s+)?(?:ki|llm|dienst|tool|modell|gateway)",
            r"(?:freigegeben|genehmigt)\w*",
            r"selbst\s*gehostet\w*",
        ),
        "own_space": (
            # a personal branch
            r"(?:dein|mein)\w*\s+(?:eigen\w*\s+)?(?:feature|topic|spike|wip)-?branch(?:es|s)?",
            r"(?:dein|mein)\w*\s+(?:eigen\w*\s+)?(?:persönlich\w*\s+)?(?:[\w-]+\s+)?(?:sandbox|spielwiese|test\w*)",
            r"persönlich\w*\s+(?:[\w-]+\s+)?(?:sandbox|spielwiese|stack|namespace|cluster|workspace|testumgebung)",
        ),
        "fields": (
            r"(?:vor-?|nach-?|kunden|mitarbeiter)?namen",
            r"e-?mail-?adressen",
            r"e-?mails",
            r"(?:privat|wohn|kunden)?adressen",
            r"anschriften",
            r"(?:telefon|handy|mobil)nummern",
            r"geburtsdat(?:en|um)",
            r"gehält(?:er|ern)",
            r"gehälter",
            r"löhne",
            r"iban",
            r"steuer-?ids?",
            r"sozialversicherungsnummern",
        ),
        "inside": (
            r"intern(?:e|en|er|es)?",
            r"vertraulich(?:e|en|er|es)?",
            r"roh(?:daten|export|e|en)?",
            r"margen",
            "marge",
            r"einkaufspreis(?:e|en)?",
            r"pro\s+kunde",
            r"umsätz(?:e|en)",
            r"umsatz(?:zahlen)?",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"\(\s*(?:aber\s+)?nicht\s+(?:die\s+|den\s+|das\s+|deine\s+|ihre\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s*\)",
            # masked before it goes: "ersetze das Passwort im Connection-String durch ****",
            # "schwärze die Tokens und internen Hostnamen"
            r"ersetz\w*\s+(?:[\w-]+\s+){1,7}?durch\s+\W{0,2}(?:\*{2,}|x{3,}|<|\[|platzhalter)",
            r"(?:schwärz|maskier|anonymisier|unkenntlich\s+mach)\w*\s+(?:\w+\s+)?[\w-]+"
            r"(?:(?:\s+(?:und|oder)\s+|\s+)[\w-]+){0,4}",
            r"(?:ohne|außer|ausgenommen)\s+[\w-]+(?:(?:\s+(?:und|oder|noch)\s+|\s+)[\w-]+){0,4}",
            # "damit keine Tokens mitgehen": none of them goes
            r"keine[nr]?\s+[\w-]+(?:\s+(?:und|oder)\s+[\w-]+)?\s+(?:mit)?(?:gehen|geht|rausgehen|landen|drin)",
        ),
        "pressed": (
            r"(?:klick(?:e|t)?|drück(?:e|t)?|wähle|wählt)(?:\s+(?:auf|dann|anschließend))?"
            r"(?:\s+(?:den\s+)?(?:button|knopf|schaltfläche))?",
        ),
        "owned": (
            r"unser\w*\s+(?:\w+\s+)?(?:interne\w*|eigene\w*)",
            r"bestehende\w*\s+gemeinsame\w*",
        ),
        "route": (
            r"(?:übliche|bestehende|vorhandene)\w*\s+(?:\w+\s+)?(?:partner|lieferanten|kunden)portal",
            r"(?:partner|lieferanten|kunden)portal\s+(?:\w+\s+){0,3}?wie\s+(?:immer|üblich|jeden\s+monat)",
        ),
        # opens a relative clause about the object: a report word after it dates the object
        # the post or article itself, or its readers: a publication named before
        # Inhalte, die öffentlich sein sollen: Vortragsfolien, Pressemappe, Logos,
        # Stellenanzeigen, Anleitungen, Code-Schnipsel, synthetische Beispieldaten
        # running machines and pods: all stopped at once in production, the service is down
        # (compounds: "Produktionsserver", "Webserver")
        "workload": (
            r"(?:produktions|prod|web|app|datenbank|db|live)?server(?:n)?",
            r"(?:produktions|prod|ec2-)?instanz(?:en)?",
            "vms?",
            r"virtuelle(?:n)?\s+maschinen?",
            "pods?",
            "knoten",
            "container(?:n)?",
            "deployments?",
        ),
        # a question about who may act, asked of the reader ("prüfe, wer die … löschen kann"):
        # the verb ends the question, so everything from "wer" up to it
        "addressee": (
            r"(?:(?:bitte|frag|frage|kontaktiere|schreib)\s+(?:deinen|euren|ihren|unseren)|(?:frag|frage|kontaktiere)\s+(?:den|einen)|"
            r"(?:sprich\s+mit|wende\s+dich\s+an)\s+(?:deinem|eurem|ihrem|dem|einem|den|deinen))\s+"
            r"(?:(?!als\s|zum\s|zur\s)[\w-]+\s+){0,3}?$",
        ),
        "holders": (
            r"(?:prüf|pruef|check|schau|list|find|klär|klaer|sag\s+mir|sagt\s+mir|ermittl|kontrollier)"
            r"\w*\s*,?\s+(?:[^\s.;:!?]+\s+){0,3}?(?:wer\s+|welche[rsn]?\s+(?:[\w-]+\s+){1,2}?)"
            r"(?:[^\s.;:!?]+\s+){0,6}?$",
        ),
        "taken_up": (
            r"(?:(?:also|dann|ja,?)\s+)*(?:mach|macht|machen\s+sie|tu|tut)\s+(?:das|es)(?:\s+(?:jetzt|einfach|bitte))?(?=\s*(?:[.!;,]|$))",
        ),
        "public_content": (
            r"(?:vortrags|konferenz|webinar)?folien",
            r"pressemappe",
            r"presse-?kit",
            r"logos?",
            r"stellen(?:anzeigen|ausschreibungen|beschreibungen)",
            r"anleitungs?video",
            r"code-?schnipsel",
            r"beispiel-?(?:code|notebook)",
            r"synthetische\w*\s+(?:daten\w*|beispiel\w*)",
            "(?:produkt|werbe)?broschüre",
            "(?:produkt)?flyer",
            "faq",
            "release-?notes",
            "versionshinweise",
            "(?:benutzer|anwender)handbuch",
            "bedienungsanleitung",
            "statusseite",
            r"öffentliche\w*\s+preisliste",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"(?:ich\s+habe|wir\s+haben|hab)\s+(?:schon\s+|bereits\s+)?(?:ein|das|eine|die)\s+(?:backup|sicherung|snapshot|dump)\s+(?:gemacht|erstellt|gezogen|angelegt)",
            r"(?:das\s+backup|die\s+sicherung)\s+ist\s+(?:schon\s+|bereits\s+)?(?:erledigt|erstellt|gemacht|fertig|da)",
        ),
        "publication": (
            r"(?:den|dem|diesen|diesem)\s+(?:beitrag|artikel|post)",
            "leser",
            r"als\s+download",
        ),
        "relative": (r"(?<=,\s)(?:die|der|das|den|dem|welche[rsmn]?)",),
        "few": (
            r"(?:zwei|drei|vier|fünf|[2-9])\s+(?:\w+\s+)?(?:pdfs?|dateien|dokumente|verträge|rechnungen|bestellungen|berichte)",
            # a counted handful of records: what a deletion takes is those, not a store
            r"(?<![\d,.])(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|[1-9]\d?)\s+(?:\w*datensätze|\w*einträge|\w*kontakte|zeilen|tickets)(?!\w)",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"nur\s+(?:das\s+|die\s+)?(?:schema|struktur|tabellendefinitionen|ddl)",
            r"keine\s+(?:zeilen|datensätze|daten)\b",
            r"ohne\s+(?:die\s+)?(?:daten|zeilen|datensätze)\b",
            # already public: the very file on the company's website
            r"(?:dieselbe|die\s+gleiche)\s+datei\s+wie\s+(?:auf\s+(?:der|unserer)\s+(?:website|webseite|homepage)|die\s+veröffentlicht\w*)",
            # a template: variable names and placeholders, no values
            r"platzhalter\w*",
            r"nur\s+(?:die\s+)?variablennamen",
            *TEMPLATE_FILES,
            # made-up records stand in for real ones
            r"erfunden\w*",
            r"fiktiv\w*",
            r"(?:test|dummy)-?daten",
            # already public: nothing more is exposed
            r"(?:ist|sind)\s+(?:bereits|schon)\s+öffentlich\w*",
            r"(?:bereits|schon|sowieso|ohnehin|eh)\s+öffentlich\w*",
            # numbers about the records, not the records ("nur Summen", "Summen pro Branche")
            r"nur\s+(?:die\s+)?(?:summen|gesamtzahlen|summenwerte|durchschnitte)",
            r"summen\s+(?:pro|je)",
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"bereits\s+(?:\S+\s+){0,3}?(?:freigegeben|genehmigt|abgenommen)\w*",
            r"schon\s+(?:\S+\s+){0,3}?(?:freigegeben|genehmigt)\w*",
            r"bereinigt\w*",
            r"nur\s+(?:die\s+)?\w*(?:spaltennamen|kopfzeile|struktur)",  # "Tabellenstruktur"
            r"bereits\s+veröffentlicht\w*",
            # material that is public already ("die öffentliche Preisliste")
            r"öffentlich\w*\s+(?:\w*preis\w*|stellenausschreibung\w*|doku\w*|faq|broschüre\w*|"
            r"pressemitteilung\w*|webseite\w*|website\w*)",
            r"anonymisiert\w*",
            r"aggregiert\w*",
            r"leere\w*\s+vorlage\w*",  # a blank template holds nothing
            "stichprobe",
            r"maskiert\w*",
            r"ohne\s+(?:\w+\s+){0,2}(?:\w*daten|personenbezogen\w*|persönlich\w*|namen)(?!\w)",
            r"(?:nur\s+)?die\s+anzahl",
            r"wie\s+viele",  # a number, not the records
            r"synthetisch\w*",
            # example or test keys stand in for real ones
            r"(?:beispiel|platzhalter|dummy|test)(?:schlüssel|werte?n?|daten)",
        ),
        "dedicated": (
            r"eigene\w*",
            r"neue\w*",
            r"separate\w*",
        ),
        "recipient": (
            "ihnen",
            "ihm",
            # "in seinen Nextcloud-Ordner": the place of the one named before
            r"(?:sein|ihr)(?:e|en|em|er)?\s+(?:[\w-]+\s+)?[\w-]*(?:ordner|postfach|mail|drive|laufwerk|"
            r"bucket|portal|server|cloud|share|verzeichnis)\w*",
        ),
        "rewrite": ("umschreib", "neu\\s+schreib", rf"schreib\w*{_GAP}um{_W}"),
        "ref": (
            r"(?:release|main|master|haupt|remote|produktions)-?branch",
            r"(?:release|versions)-?tags?",
            "hauptzweig",
            r"release/[\w.\-]+",
        ),
        "service": ("dienst", "service", r"api(?![a-zäöüß])", "anwendung"),
        "shared": (
            # auf den geteilten Hauptzweig gepusht ("force-pushe danach auf main")
            r"auf\s+(?:den\s+|die\s+)?(?:main|master|trunk)(?:-?branch)?",
            # protection taken off a branch: it is a shared one
            r"\S*schutz\w*\s+(?:\S+\s+){0,4}?(?:runter|weg|raus|ab|aus)",
            r"\S*schutz\w*\s+(?:\S+\s+){0,4}?auf(?:zu)?heb\w*",
            r"remote\w*",
            r"gemeinsam\w*",
            r"geteilt\w*",
            r"origin\w*",
            r"upstream\w*",
            r"geschützt\w*",
        ),
        "brief": (
            r"(?:für\s+)?(?:eine|einer|zwei|drei|\d+)\s+(?:stunden?|minuten?)",
            r"während\s+(?:des|der)\s+(?:\w+\s+)?(?:deployments?|wartung|migration)",
            r"einstündig\w*",
        ),
        "hold": (r"legal\s+hold", r"aufbewahrungspflicht\w*", r"rechtliche\w*\s+aufbewahrung"),
        "public_part": (
            r"öffentliche\w*\s+(?:[\w]+-)?(?:schlüssel|zertifikat\w*|teil\w*)",
            r"public\s+key",
        ),
        "metadata": (
            r"(?:(?:ihm|ihr|ihnen|mir|uns)\s+)?(?:nur\s+)?(?:den|die|das)\s+(?:[\w-]+\s+){0,2}?(?:\w*pfad|arn)(?!\w)",
            r"(?:(?:der|dem|den)\s+[\w-]+\s+)?(?:(?:ihm|ihr|ihnen|uns|mir)\s+)?(?:nur\s+)?"
            r"(?:das|die|den)\s+(?:[\w-]+\s+){0,2}?(?:\w*datum|versionen?|versionsnummern?|"
            r"fingerabdr[uü]cke?|ablauf)(?!\w)",
            r"(?:(?:ihm|ihr|ihnen|mir|uns)\s+)?(?:bitte\s+)?(?:nur\s+)?(?:den|die|das)\s+"
            r"(?:namen|bezeichnung|titel|datum|version|ablaufdatum|anzahl)\b",
            # the names of a secret's keys, not their values
            r"(?:(?:ihm|ihr|ihnen|mir|uns)\s+)?(?:bitte\s+)?(?:nur\s+)?(?:die\s+)?"
            r"(?:schl[üu]ssel|variablen|feld|key)-?namen\b",
        ),
        "pointer": (
            r"(?:link|verweis)\s+(?:auf|zu[rm]?)\s+(?:de[rnm]\s+|die\s+)?\S*(?:anfrage|antrag|formular|anleitung|wiki|prozess)\w*",
        ),
        # wer schreibt, bittet um Erlaubnis ("darf ich … löschen?")
        "permission": (
            r"darf\s+ich",
            r"dürfen\s+wir",
            r"kann\s+ich",
            r"soll\s+ich",
            r"ist\s+es\s+(?:ok|okay|in\s+ordnung)\s*,?\s+wenn\s+(?:ich|wir)",
            r"(?:ok|okay|in\s+ordnung)\s*,?\s+wenn\s+(?:ich|wir)",
        ),
        "request": (
            r"kannst\s+du",
            r"könntest\s+du",
            r"können\s+sie",
            r"könnten\s+sie",
            r"würden\s+sie",  # the formal request: "Würden Sie ihm … einräumen?"
            r"würdest\s+du",
            "bitte",
        ),
        "lasting": (
            r"(?:zwei|drei|vier|mehrere|\d+)\s+(?:wochen|monate)",
            "wochenlang",
            "monatelang",
            r"bis\s+zum\s+(?:nächsten|ende)",
            r"für\s+die\s+nächsten\s+(?:\w+\s+)?(?:wochen|monate|jahre)",
            "dauerhaft",
            r"für\s+immer",
        ),
        "reported": (
            r"\bdass\s+(?:die|der|das)\s+\w+",
            r"(?:hat|haben)\s+(?:\w+\s+)?gebeten",
            r"bat\s+(?:mich|uns)",
            r"will,?\s+dass",
        ),
        "history": (
            *FORCE_PUSH,
            # "schieb ihn mit --force hoch", "pushe ihn erzwungen"
            rf"(?:push|schieb|lad)\w*{_GAP}mit\s+(?:--force|-f|gewalt|force)(?![\w-])",
            # "schreib die Historie von main um", "dass du den Verlauf umschreibst"
            rf"schreib\w*\s+(?:\S+\s+){{0,3}}?(?:git-|commit-)?(?:historie|verlauf|history)\w*{_GAP}um{_W}",
            r"(?:historie|verlauf|history)\w*\s+(?:\S+\s+){0,10}?um(?:zu)?schreib\w*",
            r"(?:push|schieb)\w*\s+(?:\S+\s+){0,6}?(?:erzwungen|forciert)\w*",
            r"force-?push\w*",
            r"push\w*\s+(?:\S+\s+){0,6}?mit\s+gewalt",
            r"mit\s+gewalt\s+(?:\S+\s+){0,4}?push\w*",
            r"setz\w*\s+(?:\S+\s+){0,8}neu",
        ),
        "proposal": (
            r"zeig\w*\s+(?:\S+\s+){0,3}wie",
            # whether to do it is still to be decided ("discuss whether to make it public")
            r"ob\s+(?:wir|man|sie|er|das|es)\s",
        ),
        "email": (r"e-?mail",),
        "passive": (r"(?:werden|wird)(?!\w)",),
        # the speaker's own "dass" clause: "Ich möchte, dass …", "Sorg dafür, dass …"
        "wish": (
            r"(?:möchte\w*|wünsche\w*|hätte\s+gern|sorg\w*\s+(?:\w+\s+)?dafür|"
            r"achte?\w*\s+(?:\w+\s+)?darauf|stell\w*\s+(?:\w+\s+)?sicher|"
            r"dafür\s+(?:zu\s+)?sorg\w*|darauf\s+(?:zu\s+)?acht\w*|sicher\w*stell\w*),?\s+dass",
            # a recommendation: "Am einfachsten wäre es, wenn ein Admin die Regel deaktiviert"
            r"(?:am\s+(?:einfachsten|schnellsten|besten|saubersten|sichersten)|besser)\s+"
            r"(?:wäre|ist)\s+es\s*,?\s+(?:wenn|dass)",
        ),
        "nominal": (
            r"(?:bitte\w*|ersuche\w*|beantrage\w*)\s+(?:\w+\s+){0,2}?um(?:\s+(?:die|eine))?",
            r"(?:veranlass|beantrag|nehm)\w*\s+(?:sie\s+|du\s+)?(?:bitte\s+)?(?:die|eine)",
        ),
        "access_part": (
            r"(?:die|alle|ihre)\s+(?:\w+\s+)?(?:gast|extern\w*\s*)(?:konten|konto|zugänge|zugang|"
            r"nutzer|benutzer)(?!\w)",
            r"(?:\S+\s+){0,3}?(?:die|den|das|seine|ihre|alle)\s+(?:\w*rolle|\w*rechte?|\w*zugriffe?|"
            r"\w*zugang|berechtigung(?:en)?|freigaben?|einladung(?:en)?|mitgliedschaft(?:en)?)(?!\w)",
        ),
        "output": (
            r"\w*umgebung\w*",
            r"(?:es|alles)(?!\w)",
            r"\w*(?:ausgabe|ergebnis|ergebnisse|wert|werte|inhalt)(?!\w)",
            r"was\s+(?:es|er|sie|der\s+befehl)\s+(?:ausgibt|zurückgibt|anzeigt|liefert|ausspuckt)",
        ),
        "determiner": (
            r"(?:nur\s+)?(?:der|die|das|den|dem|des|ein|eine|einen|einem|deine|deinen|dein|ihre|ihren|unsere|unseren)(?=\s)",
        ),
        "pronoun": ("es", "sie", "ihn", "diese", "das", "alles"),
        "temporal": (
            r"beim",
            r"(?:wenn|sobald|nachdem)\s+(?:man|du|sie|er|ihr|wir|jemand)\s+(?:sie|es|ihn|die\s+datei|das\s+dokument)\s",
        ),
        "contracted": (
            r"av-vertrag",
            r"auftragsverarbeitungsvertrag",
            r"(?:den|das|dem)\s+vereinbarten?\s+(?:sicheren\s+)?(?:kanal|portal|weg|datenraum)",
        ),
        "vetted": (
            r"(?:aus|über)\s+(?:den|dem)\s+(?:offiziellen\s+)?(?:paketquellen|repositor(?:y|ies)|repos|distributions-repos?|app\s+store)",
        ),
        "contained": (
            r"(?:in|im)\s+(?:der\s+)?geschützten\s+ansicht",
            r"(?:in|im)\s+geschützten\s+modus",
            r"in\s+(?:der|einer)\s+sandbox",
            r"(?:im|in\s+einem|mit\s+dem|mit\s+einem)\s+(?:text-?)?editor",
            r"(?:im|in|mit)\s+notepad",
        ),
        "limited": (
            r"leserecht\w*",
            r"leser\w*",
            "lesezugriff",
            r"nur\s+lesen",
            "befristet",
        ),
        "link": (
            r"(?:anonyme|öffentliche)\w*\s+(?:zugriff|links?|freigabe)",
            r"(?:jeder|alle)\s+(?:im\s+internet\s+)?mit\s+(?:dem\s+)?link",
            # "mit allen, die den Link haben", "jeder, der den Link kennt"
            r"(?:jede[rnm]?|alle[nm]?)\s*,?\s+(?:der|die|dem)\s+(?:\w+\s+){0,2}?(?:den\s+)?link\s+(?:hat|haben|kennt|kennen|bekommt|bekommen)",
        ),
        # a quoted setting changed from: "de «Cualquier persona con el enlace» a …"
        "withdrawn": (r"von\s+[„\"“»]\s*$",),
        "source": (
            r"(?:vo[nm]|geschickt\s+von|gesendet\s+von|erhalten\s+von)\s+"
            r"(?:(?:der|dem|den|einem|einer|diesem|dieser|unserem|unserer)\s+)?(?:\w+\s+){0,2}$",
        ),
        # a question left to be settled later, up to its question word
        "deliberate": (
            r"(?:kläre?n|besprechen|entscheiden|überlegen|schauen)\s+wir\s+[^.;:!?\n]{0,60}?wie\s+(?:wir|man)",
            r"wir\s+(?:kläre?n|besprechen|entscheiden|überlegen|schauen)\s+[^.;:!?\n]{0,60}?wie\s+(?:wir|man)",
        ),
    },
    examples={
        "vetted": ("aus den offiziellen Paketquellen",),
        "contracted": ("einen AV-Vertrag", "über den vereinbarten Kanal"),
        "temporal": ("beim ", "sobald man sie "),
        "governed": ("in unser Data Warehouse laden",),
        "people": ("alle Kunden", "den kompletten Kundenbestand", "die Tabelle users"),
        "open": ("führ das Skript, das jemand gepostet hat, auf dem Server aus",),
        "contained": ("in der geschützten Ansicht", "im Texteditor"),
        "declined": ("ich glaube nicht", "lieber nicht", "nein:"),
        "pressed": ("klicke auf Löschen",),
        "fields": ("mit telefonnummern", "gehältern"),
        "inside": ("die interne kundenliste", "mit umsätzen"),
        "deliberate": ("dann klären wir mit dem backup-team, wie wir",),
        "source": ("die mail vom ", "eine rechnung von einem neuen "),
        "workload": ("alle produktionsserver", "die instanzen"),
        "addressee": ("bitte deinen ", "frag den "),
        "holders": ("prüfe, wer die datenbank ",),
        "excluded": ("(nicht die .env)",),
        "public": ("den gesamten eingehenden traffic",),
        "taken_up": ("; mach das.", ", tu es."),
        "public_content": (
            "die vortragsfolien",
            "das beispiel-notebook",
            "die release-notes",
            "das benutzerhandbuch",
        ),
        "safeguard": (
            "ich habe ein backup gemacht",
            "das backup ist erledigt",
        ),
        "publication": ("häng es an den beitrag",),
        "network": ("portfreigabe",),
        "destroy": ("lösche die sicherungen",),
        "reset": ("setze die produktionsdatenbank komplett neu auf",),
        "disable": ("schalte alle alarme für den zahlungsdienst stumm", "deaktiviere die mfa"),
        "backup": ("die wöchentlichen sicherungen",),
        "data": ("produktionsdatenbank", "kundendaten"),
        "secret": ("den signaturschlüssel",),
        "ai": ("online-ki-übersetzer",),
    },
)
