"""French. Stems cover the inflections (supprime, supprimez, supprimer); past
participles and the imperfect narrate (supprimé, supprimait)."""

from bot.risk.prose.lexicon import (
    ADMIN_ROLES,
    AI_SITES,
    AI_TOOLS,
    CONTROL_PRODUCTS,
    FORCE_PUSH,
    GATE_SETTINGS,
    NO_SOURCE,
    PAGERS,
    PERSONAL_DEVICES,
    PORT_SPECS,
    SECRET_FILES,
    SOCIAL_SITES,
    TEMPLATE_FILES,
    WIDE_CHANNELS,
    lexicon,
)

# Right before a team's name: the team acts, approves or receives ("validée par les RH",
# "Julien (RH) le dépose"); it is not what is sent.
_ACTOR = (
    r"(?<!par )(?<!par les )(?<!par le )(?<!aux )(?<!au )(?<!\()(?<!avec )(?<!avec les )"
    r"(?<!avec le )"
)
_W = r"(?!\w)"

LEXICON = lexicon(
    "fr",
    spaced=True,
    markers=(
        "le la les des du une est vous nous pour dans sur avec pas qui et au aux cette ce "
        "mon ton comme de à tu te en un que ne il on son sa ses ta tes leur leurs votre vos "
        "notre nos puis y a l qu j n c"  # "il y a", and the elided l', qu', j', n', c'"
    ),
    # créer: "recrée" is the imperative, "recréée" the participle
    noun_form=r"(?:tion|tions|sion|sions|ment|ments|eur|eurs|age|ages)$",
    verb_form=r"age$",  # "Partage le dossier", but "le partage du dossier"
    # "Copiez la base", "Publions la liste": -ier verbs, imperative at a clause start
    imperative_form=r"(?:iez|ions)$",
    past_form=r"(?:é|(?<!cr)ée|éée|és|ées|ait|aient|ions|iez)$",
    entries={
        "destroy": (
            # coverage audit (issue 19): colloquial and literary synonyms
            f"ras(?:e|es|ez|er|ent){_W}",  # "rase le cluster"
            r"d[ée]barrass(?:e|es|ez|er|ons)?(?:-toi|-vous|-nous)?\s+d(?:e|u|es|[\'’])",
            r"(?:fais|faites|faire|fait)\s+sauter",  # "fais sauter la base"
            f"dropp(?:e|es|ez|er|ent){_W}",  # "droppe la table"
            "bazard",
            # not "payer en liquide", "du liquide" (cash, a liquid)
            f"(?<!en )(?<!du )(?<!le )liquid(?:e|es|ez|er|ent){_W}",
            "supprim",
            # un contrat d'hébergement résilié emporte ses machines et leurs disques ("résilie
            # les serveurs dédiés"); pas "résilier l'abonnement à l'outil de sondage"
            r"r[ée]sili\w*(?=\s+(?:\S+\s+){0,5}?(?:serveur|instance|machine|vm|cluster|base|"
            r"h[ée]bergement|vps)\w*)",
            "effac",
            "détrui",
            "detrui",
            f"vid(?:e|ez|er|ent){_W}",
            r"(?<=tu\s)vides(?!\w)",  # "que tu vides la table" (not "les tables vides")
            "purg",
            "élimin",
            "elimin",
            f"retir(?:e|es|ez|er|ent){_W}",
            "enlev",
            "enlèv",
            # not "jeter un œil / un coup d'œil": to take a look
            f"jet(?:er|ez|te|tes|tent){_W}(?!\\s+un\\s+(?:(?:petit\\s+)?coup\\s+d.)?(?:œil|oeil))",
            "démantel",
            "démantèl",  # "démantèle": the stem takes a grave accent before a mute e
            f"tronqu(?:e|es|ez|er|ent){_W}",  # "tronque la table"
            r"format\w*\s+(?:\S+\s+){0,3}?(?:disques?|volumes?|partitions?)",  # wipes them
            "suppression",  # the noun: "procéder à la suppression de la base"
            f"tu(?:e|es|ez|er|ent){_W}",  # "tue le cluster de prod"
            f"d[ée]gag(?:e|es|ez|er|ent){_W}",  # "dégage les vieilles sauvegardes"
            r"(?:un|une)\s+(?:drop|truncate|wipe|purge)(?![\w-])",  # "fais un drop de la table"
            f"vir(?:e|ez|er){_W}",  # "vire la base": get rid of it
        ),
        "reset": (
            # coverage audit (issue 19)
            r"(?:remets|remettez|remettre|remet)\s+(?:\S+\s+){0,4}?(?:à|a)\s+z[ée]ro",
            "recré",
            "recre",
            "reconstrui",
            "réinitialis",
            "reinitialis",
            "écras",
            "ecras",
        ),
        "disable": (
            # coverage audit (issue 19)
            f"stopp(?:e|es|ez|er|ent){_W}",
            r"(?:mets|mettez|mettre|met)\s+(?:\S+\s+){0,6}?hors\s+(?:service|ligne|circuit|d[\'’]état)",
            "interromp",
            f"neutralis(?:e|es|ez|er|ent){_W}",
            f"d[ée]branch(?:e|es|ez|er|ent){_W}",  # "débranche le capteur EDR"
            # "créer une fenêtre de maintenance sur tous les services": plus aucune alerte
            r"fen[êe]tres?\s+de\s+maintenance",
            # a requirement lifted or relaxed
            r"l[eè]v\w*\s+(?:l['’]|la\s+|les\s+)(?:obligation|exigence|contrainte)s?",
            "assoupl",
            r"(?:pass|mett|bascul)\w*\s+(?:\S+\s+){0,6}?en\s+mode\s+(?:comptage|count|détection|audit)",
            # a control set to its off value ("mets le WAF en mode désactivé", "passe-le à Off")
            r"(?:pass|mett|mets|bascul|r[èe]gl)\w*\s+(?:\S+\s+){0,8}?(?:en|à|a|sur)\s+(?:mode\s+|[ée]tat\s+)?"
            r"[\"“'‘«]?\s?(?:d[ée]sactiv[ée]e?|inactif|inactive|off)(?!\w)",
            "désactiv",
            r"(?:rédui|redui|raccourc|baiss|diminu)\w*\s+(?:\S+\s+){0,3}?(?:rétention|conservation)",
            "desactiv",
            f"coup(?:e|es|ez|er|ent|erais|erait){_W}",  # "à ta place, je couperais …"
            r"(?:fais|faites|faire)\s+taire",
            "arrêt",
            "arret",
            "suspend",
            r"(?:mets|mettez|mettre)\s+(?:\w+\s+){0,6}en\s+(?:sourdine|pause)",
            "éteign",
            "étein",
            "désinstall",
        ),
        "bypass": (
            f"court-circuit(?:e|es|ez|er|ent){_W}",  # coverage audit; not "un court-circuit"
            f"zapp(?:e|es|ez|er|ent){_W}",  # "zappe la revue"
            "contourn",
            "outrepass",
            f"ignor(?:e|es|ez|er|ent){_W}",
            r"pass(?:e|ez|er)\s+outre",
            f"saut(?:e|ez|er){_W}",
            r"(?:fusionn|merg|pouss|déploi|deploi)\w*\s+(?:\S+\s+){0,3}?sans" + _W,
        ),
        "grant": (
            r"transf[eè]r\w*(?=\s+(?:\S+\s+){0,4}?propriété)",
            # coverage audit (issue 19)
            f"conf[éeè]r(?:e|es|ez|er|ent){_W}",  # not "conférence"
            f"d[ée]l[èée]gu(?:e|es|ez|er|ent){_W}",  # not "le délégué"
            "rajout",
            # "file les droits admin au stagiaire" (not "la file d\'attente")
            r"fil(?:e|ez|er)(?=\s+(?:\S+\s+){0,3}?(?:droits?|accès|rôles?|privil))",
            # "ouvre les droits admin au prestataire"
            r"ouvr(?:e|ez|ir)(?:-lui|-leur)?\s+(?:\S+\s+){0,2}?(?:droits?|accès)(?!\w)",
            rf"(?:mets|mettez|mettre)\s+(?:\S+\s+){{1,5}}?comme{_W}",  # "set X as owner"
            f"donn(?:e|es|ez|er|ent){_W}",
            # "fais en sorte que le prestataire ait les droits admin"
            r"(?:ait|aient)(?=\s+(?:\S+\s+){0,2}?(?:droits?|accès|rôle|privil))",
            # "mets-le administrateur", "nomme-la propriétaire": a role given to a pronoun
            r"(?:mets|mettez|mettre|nomme|nommez|nommer|passe|passez|passer)-(?:le|la|les)(?!\w)",
            r"(?<!d')(?<!d’)accord",  # "accorde-lui", not "d'accord" (agreed)
            "attribu",
            r"nomm(?:e|ez|er)(?:-(?:le|la|les))?(?!\w)",  # "nomme le stagiaire propriétaire"
            "promouv",
            "promeu",
            "ajout",
            "octroi",
        ),
        "share": (
            # l'accès anonyme ou public d'une console activé ("active l'accès anonyme à
            # l'espace RH")
            r"(?:activ|autoris|ouvr)\w*(?=\s+(?:\S+\s+){0,3}?(?:l['’])?(?:accès|liens?|partage)\s+(?:anonyme|public))",
            # un lieu privé rendu public ("passe le canal privé #direction en public")
            r"(?:transform|pass|convert|bascul)\w*\s+(?:\S+\s+){0,8}?en\s+(?:un\s+|une\s+)?(?:canal\s+|espace\s+|groupe\s+)?public",
            f"diffus(?:e|es|ez|er|ent){_W}",  # coverage audit
            "divulgu",
            f"d[ée]voil(?:e|es|ez|er|ent){_W}",
            "partag",
            "invit",
            "ajout",
            "publi",
            f"expos(?:e|es|ez|er|ent){_W}",
            r"rend(?:s|ez|re)\s+(?:\w+\s+){0,4}public",
            r"rend(?:s|ez|re)\s+(?:\w+\s+){0,4}accessible",
            # "change l'accès général en « Tous les utilisateurs disposant du lien »"
            r"(?:chang|modifi|pass)\w*\s+(?:\S+\s+){0,3}?(?:accès|partage|visibilité|droits)",
        ),
        "move": (
            # "charge la liste sur un convertisseur en ligne": uploaded there
            r"charg(?:e|es|ez|er)\s+(?:\S+\s+){0,6}?sur(?!\w)",
            # enregistré dans un lieu personnel ("enregistre-le sur ton Dropbox perso")
            r"enregistr\w*\s+(?:\S+\s+){0,8}?(?:dans|sur)(?=[^.;,\n]{0,30}?\b(?:perso|personnel\w*|privé\w*)\b)",
            # coverage audit (issue 19): forwarding and handing over
            r"(?:fais|faites|faire)(?:-(?:lui|leur|le|la|les|moi|nous))?\s+(?:suivre|parvenir)",
            f"communiqu(?:e|es|ez|er|ent){_W}",  # "communique-lui le mot de passe"
            "refil",
            r"renvoy(?:ez|er)(?!\w)|renvoie-",  # not "la commande renvoie" (returns)
            f"upload(?:e|es|ez|er){_W}",
            r"fourni(?:s|ssez|r)-(?:lui|leur|moi|nous|le|la|les)(?!\w)",  # not "fournisseur"
            # importé dans un lieu ("importe toute la base dans son Notion perso"): the verb,
            # within its clause; not the noun ("avant l'import du fichier, lance ceci dans …")
            r"import(?:e|es|ez|er|ons|ent|é|ée|és|ées)\s+(?:[^\s,;:]+\s+){0,8}?(?:dans|sur|vers)(?!\w)",
            # attached to a post or a mail: it goes where they go
            f"join(?:s|t|dre|gnez|gnons){_W}",
            "envoi",
            "envoy",
            "téléverse",
            f"coll(?:e|es|ez|er|ent){_W}",
            "transfér",
            "transfèr",
            "transfer",
            r"copi(?!es(?!\w))",  # "les copies": a noun
            f"(?:mets|mettez|mettre){_W}",
            # "poste le lien", "le poster"; not "sur ton poste" (a workstation)
            f"post(?:ez|er){_W}",
            r"(?<!ton\s)(?<!mon\s)(?<!son\s)(?<!le\s)(?<!du\s)(?<!au\s)(?<!un\s)(?<!votre\s)"
            f"poste{_W}",
            "dépos",
            "depos",
            "transmet",
            f"balanc(?:e|es|ez|er|ent){_W}",  # "balance le mot de passe dans #general"
            "épingl",  # "épingle la sortie dans #support": left where the channel reads it
            "epingl",
        ),
        "open": (
            "débloqu",  # coverage audit: "débloque le port 3389"
            "debloqu",
            r"double-?cliqu",
            # "ajoute une règle entrante : TCP 5432 depuis 0.0.0.0/0" (pas une règle de refus)
            r"(?:ajout|cré|cre)\w*\s+(?:(?!refus|blocage|bloqu)\S+\s+){0,3}?règles?" + _W,
            "redirig",
            r"branch(?:e|ez|er)\s+(?:\S+\s+){0,3}?(?:clé|cle|disque|périphérique|usb)",
            f"ouvr(?:e|es|ez|ir|ent){_W}",
            r"laiss\w*\s+(?:\S+\s+){0,6}?ouvert\w*",  # "laisse le port 22 ouvert"
            f"autoris(?:e|es|ez|er|ent){_W}",  # "autorise 0.0.0.0/0 sur le port 5432"
            r"activ(?:e|ez|er)\s+(?:le\s+contenu|les\s+macros)",
            "exécut",
            "execut",
            f"lanc(?:e|es|ez|er|ent){_W}",
            "install",
        ),
        "data": (
            # internal pricing: confidential business data
            r"(?:prix|tarifs|marges|coûts)\s+internes",
            r"crm(?!\w)",
            "drive",
            r"boîte\s+mail",
            r"compte(?:s)?" + _W + r"(?![- ]rendus?)",  # not "compte rendu" (minutes)
            r"bases?\s+de\s+données",
            # "la base de prod", "la base clients"
            r"bases?\s+(?:de\s+|des\s+)?(?:prod|production|clients?|commandes|paie)(?!\w)",
            r"bases?\s+de\s+donnees",
            f"bdd{_W}",
            "schéma",
            "schema",
            "registre",
            r"grand\s+livre",
            r"jeux?\s+de\s+données",
            "entrepôt",
            "bucket",
            "données",
            "donnees",
            "enregistrements",
            "dépôt",
            "historique",
            f"tables{_W}",
        ),
        "data_weak": (
            # the records a business console holds (CRM, support, recrutement)
            r"conversations?(?!\w)",
            r"contacts?(?!\w)",
            r"tickets?(?!\w)",
            r"fiches?(?!\w)",
            r"candidat(?:ure)?s(?!\w)",
            r"profils?(?!\w)",
            r"opportunités(?!\w)",
            r"leads(?!\w)",
            # a workspace or an IaC stack holds data and systems
            r"espaces?\s+de\s+travail",
            f"stacks?{_W}",
            r"piles?\s+(?:cloudformation|cdk|de\s+(?:ressources|production|prod))",
            r"(?<=la\s)pile(?=\s+(?:enti[eè]re|compl[eè]te))",
            r"machines?\s+virtuel",
            r"vms?(?!\w)",
            r"disques?(?!\w)",
            "nœud",  # VMs, disks
            "enregistrement",
            r"comptes?[- ]rendus?",
            "présentation",
            "notebook",
            r"tableaux?\s+de\s+bord",
            r"tableaux?(?!\s+blanc)",  # a table of figures (not a whiteboard)
            "classeur",
            r"procès-verbal",
            f"table{_W}",
            "fichier",
            "dossier",
            "branche",
            "document",
            r"feuille(?!\s+de\s+route)",  # a "feuille de route" is a roadmap, a plan
            "liste",
            "export",
            "rapport",
            "serveur",
            "instance",
            "service",
            "environnement",
            "projet",
            "volume",
            "canal",
            "journa",
            "csv",
            "excel",  # a spreadsheet by its program ("un Excel con todos los clientes")
            "xlsx",
            "transcription",
        ),
        "system": (
            "cluster",
            "grappe",
            r"(?:équilibreur|répartiteur)s?\s+de\s+charge",  # the edge of a service
            r"vpcs?(?!\w)",
            r"zones?\s+dns",
            "infrastructure",
            "namespace",
            r"espace\s+de\s+noms",
            "locataire",
            "organisation",
            "abonnement",
            "kubernetes",
        ),
        "backup": (
            # les anciennes versions d'un document, la récupération des fichiers supprimés
            r"historiques?\s+des\s+versions",
            r"anciennes\s+versions",
            r"(?:contrôle|gestion)\s+de\s+versions?",
            r"points?\s+de\s+restauration",  # coverage audit
            "corbeille",
            "sauvegard",
            "backup",
            "instantané",
            "snapshot",
            "coffre",
            r"(?:récupération|restauration)\s+à\s+un\s+instant",
            "pitr",
            "réplique",
            "rétention",
            "retention",
            "versionnage",
            r"plan\s+de\s+reprise",
        ),
        "control": (
            # ce qui retient un paiement non vérifié : l'antifraude et une deuxième personne
            r"(?:d[ée]tection|pr[ée]vention|r[èe]gles?|filtres?|contr[ôo]les?)\s+(?:de\s+(?:la\s+)?|des\s+|anti-?)?fraudes?",
            r"anti-?fraude",
            r"double\s+(?:validation|signature|approbation|contr[ôo]le|autorisation)",
            r"(?:second|deuxi[èe]me)\s+(?:valideur|approbateur|signataire|niveau\s+de\s+validation)",
            r"quatre\s+yeux",
            *CONTROL_PRODUCTS,
            r"guard\s*duty",
            r"security\s*hub",
            r"safe\s+(?:links|attachments)",
            r"siem(?!\w)",
            r"(?:microsoft\s+)?sentinel\s+(?:analytics|rules?|connectors?|workspace)",
            r"accès\s+conditionnel",
            r"connexions?\s+(?:à|a)\s+risque",
            r"détection\s+des?\s+(?:risques?|menaces?|intrusions?|anomalies)",
            "defender",
            r"blocage\s+des?\s+(?:usb|périphériques)",
            "dlp",
            "edr",
            "capteur",
            f"mfa{_W}",
            f"2fa{_W}",
            r"double\s+authentification",
            r"authentification\s+(?:à\s+)?(?:deux|multi)",
            "audit",
            "journalisation",
            "pare-feu",
            "antivirus",
            "chiffrement",
            "protection",
            # not the cloud firewall "groupe de sécurité" (a network object of its own)
            # nor the team things go to ("transfère-le à la sécurité", "l'équipe sécurité")
            r"(?<!groupe\sde\s)(?<!groupes\sde\s)(?<!à\sla\s)(?<!équipe\s)(?<!équipe\sde\s)sécurité",
            r"(?<!groupe\sde\s)(?<!groupes\sde\s)securite",
            f"sso{_W}",
            "contrôle",
        ),
        "gate": (
            *GATE_SETTINGS,
            r"avant\s+(?:la\s+)?fusion",
            r"avant\s+(?:le\s+)?merge",
            r"vérifications?\s+obligatoires?",
            "revue",
            "relecture",
            "approbation",
            "validation",
            "codeowners",
        ),
        "secret": (
            r"clé(?!\s+publique)(?!\s+usb)",
            f"cle{_W}",
            "clef",
            r"mots?\s+de\s+passe",
            "secret",
            "jeton",
            "token",
            r"identifiants(?!\s+(?:clients?|utilisateurs?|produits?|de\s+(?:commande|client|produit)))",
            # not "erreurs de certificat": the error, not the certificate
            r"(?<!erreurs de )(?<!erreur de )certificat(?!s?\s+public)",
            r"\.env" + _W,
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            *SECRET_FILES,
        ),
        "pii": (
            # what is sent carries personal fields ("l'extraction avec noms, CV, téléphones")
            r"avec\s+(?:les\s+|leurs\s+|tous\s+les\s+)?(?:noms|cv|coordonnées|téléphones|"
            r"numéros\s+de\s+téléphone|adresses|dates\s+de\s+naissance)(?!\w)",
            # a whole set of people's records ("la liste complète des candidats", "l'ensemble
            # des fiches candidats", "le fichier des adhérents"): personal data in bulk
            r"(?:liste|listing|base|fichier|fiches?|extraction|export|ensemble)\s+(?:\S+\s+){0,3}?"
            r"(?:des\s+|de\s+nos\s+|de\s+|d['’])?(?:candidat|postulant|abonné|adhérent|membre|élève|"
            r"étudiant|donateur|prospect|lead|patient|bénévole|contact)s(?!\w)",
            # a personal field beside others ("noms, CV, téléphones", "coordonnées et évaluations")
            r"(?:noms|cv|coordonnées|téléphones|e-?mails|adresses)\s*(?:,\s*(?:et\s+)?|et\s+)"
            r"(?:noms|cv|coordonnées|téléphones|e-?mails|adresses|évaluations|diagnostics)(?!\w)",
            # two personal fields listed together: records of people ("correos y teléfonos")
            r"(?:noms|e-?mails|courriels|téléphones|numéros\s+de\s+téléphone|adresses|dates\s+de\s+naissance|ibans?|numéros\s+de\s+carte|historiques?\s+d'achats?)"
            r"\s*(?:,\s*(?:et\s+)?|et\s+)(?:noms|e-?mails|courriels|téléphones|numéros\s+de\s+téléphone|adresses|dates\s+de\s+naissance|ibans?|numéros\s+de\s+carte|historiques?\s+d'achats?)(?!\w)",
            r"fiches?\s+de\s+paie",
            r"la\s+paie",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            _ACTOR + "juridique",
            "direction",
            "patient",
            f"clients?{_W}",
            r"données\s+personnelles",
            "salaire",
            f"paie{_W}",
            "employés",
            "médica",
            r"dossiers?\s+médica",
            "passeport",
            r"cartes?\s+bancaire",
            r"sécurité\s+sociale",
            "adresses",
            "contrats",
            "factures",
            "confidenti",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            f"{_ACTOR}rh{_W}",
        ),
        "people": (
            # une population entière ("tous les clients", "l'ensemble des adhérents", "chaque
            # abonné", "toutes les conversations")
            r"(?:tou(?:s|tes)\s+(?:les|nos|vos|leurs|ses)|l['’]ensemble\s+(?:des|de\s+nos)|chaque)\s+"
            r"(?:[\w-]+\s+)?(?:clients?|utilisateur|usager|contacts?|abonn|adhérent|membres?|salarié|"
            r"employé|patients?|candidat|prospects?|tickets?|conversations?|collaborat)",
            # la base, le fichier, l'annuaire des personnes ("la base complète des adhérents",
            # "le fichier clients", "la table des utilisateurs")
            r"(?:base|fichier|annuaire|liste|table|registre)s?\s+(?:complète?\s+|entière?\s+|intégrale?\s+)?"
            r"(?:des\s+|de\s+nos\s+|de\s+tous\s+les\s+)?(?:clients|utilisateurs|usagers|adhérents|"
            r"abonnés|membres|salariés|employés|patients|contacts|candidats|prospects|users|customers)"
            r"(?!\w)",
        ),
        "governed": (
            r"(?:charg|import|intègr|integr|ingèr|inger)\w*[\w-]*\s+(?:[\w-]+\s+){0,3}?dans\s+notre\s+"
            r"(?:[\w-]+\s+)?(?:entrepôt\s+de\s+données|data\s*warehouse|data\s*lake|lac\s+de\s+données)",
        ),
        "admin": (
            f"owners?{_W}",
            # not one project's or channel's admin ("administrateur du projet MKT")
            r"admin(?!\w*\s+(?:du|de\s+la|de\s+l['’]|d['’]une?)\s+(?:seul\s+)?(?:projet|canal|groupe|espace|application|appli|tableau)\b)",
            "propriétaire",
            # a whole shop or account owned ("transfère la propriété de la boutique"); not a
            # leaver's files handed over ("la propriété de son Drive")
            r"propriété\s+(?:de\s+la\s+|du\s+|de\s+l['’]|de\s+notre\s+|de\s+ce\s+|de\s+cette\s+)(?:\S+\s+)?(?:boutique|compte|espace\s+de\s+travail|organisation|instance|site|domaine|magasin|workspace|tenant)",
            r"super-?utilisateur",
            r"accès\s+complet",
            r"tous\s+les\s+droits",
            r"(?:modifier|afficher)\s+toutes\s+les\s+données",  # Salesforce, in French
            *ADMIN_ROLES,
        ),
        "untrusted": (
            # d'où le message lui-même dit que vient le code : personne n'en répond
            r"(?:site|service|hébergeur|hebergeur)\s+(?:de\s+)?(?:partage|stockage|téléchargement)\s+de\s+fichiers",
            r"hébergeur\s+de\s+fichiers",
            r"(?:re-?upload|re-?posté|remis\s+en\s+ligne)\w*",
            r"(?:post|publi|partag|upload|mis)\w*\s+(?:\S+\s+){0,5}?(?:sur|dans)\s+(?:un|le)\s+(?:serveur|groupe|canal)\s+(?:discord|telegram)",
            r"publi[ée]e?s?\s+(?:hier|avant-hier|aujourd'hui|il\s+y\s+a\s+(?:quelques|deux|trois|\d+)\s+(?:heures|jours))",
            r"comptes?\s+(?:sans\s+historique|tout\s+neuf|anonyme|créé\s+(?:hier|récemment))",
            r"sans\s+(?:le\s+)?code\s+source",
            r"non\s+sign[ée]e?s?",
            r"n['’](?:est|sont)\s+pas\s+sign[ée]e?s?",
            r"(?:note|demande|message)\s+de\s+rançon",
            r"rançon",
            r"(?<![\d,.])\d{1,2}\s+téléchargements",
            r"trouvée?s?\s+(?:\S+\s+){0,3}?(?:parking|rue|sol|couloir|bureau)",
            "ramassé",
            "forum",
            "parking",
            # quelqu'un d'inconnu en ligne ("un utilisateur a posté sur Stack Overflow")
            r"(?:quelqu['’]un|un\s+utilisateur|un\s+type|une\s+personne)\s+(?:\S+\s+){0,4}?(?:a\s+)?(?:post[ée]|"
            r"partag[ée]|envoy[ée]|recommand[ée]|sugg[ée]r[ée])" + _W,
            r"stack\s*overflow",
            "reddit",
            # une extension chargée hors du store ("mode développeur", "non empaquetée")
            r"mode\s+d[ée]veloppeur",
            r"non\s+empaquet[ée]e?s?",
            r"we\s*transfer",
            r"soi-disant",
            r"prétendu\w*",
            r"\.(?:vsix|apk|msi|dmg|crx|jar)" + _W,
            "macro",
            r"activer\s+le\s+contenu",
            "inconnu",
            "hameçonnage",
            "phishing",
            "suspect",
            r"non\s+vérifié",
            r"\.(?:exe|scr|iso|lnk|xlsm|docm)" + _W,
            # cracked, pirated or unofficial software
            r"crack(?:é|e)?\w*",
            "keygen",
            "piraté",
            r"non\s+officiel",
            "warez",
        ),
        "prod": ("production", f"prod{_W}"),
        "bulk": (
            "complet",
            "complète",  # the feminine: "la base complète"
            "intégral",
            f"tou(?:s|tes|t|te){_W}",
            "entier",
            "entière",
            "chaque",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"tout\s+le\s+trafic\s+(?:entrant|en\s+entrée)" + NO_SOURCE,
            r"toutes\s+les\s+connexions\s+entrantes" + NO_SOURCE,
            # the company's own site, not a vendor's ("le site officiel d'Epson")
            r"(?:sur|dans)\s+(?:le|notre)\s+site(?:\s+(?:web|internet|public))?"
            r"(?!\s+(?:interne|intranet|officiel|d[eu]s?\s|de\s|d['’]))",
            # the company blog and press releases are public
            r"(?<!interne )blog",
            r"communiqu[eé]s?\s+de\s+presse",
            # a port forwarded on a router or NAT: reachable from the internet
            r"redirig\w*\s+(?:le|les|un|des)\s+ports?",
            r"(?:redirection|transfert)\s+(?:de|du|des)\s+ports?",
            r"r[eè]gles?\s+nat",
            r"(?:au|pour\s+le)\s+monde\s+entier",
            r"0\.0\.0\.0/0",
            r"::/0",
            # "la page publique"; not a document public by its kind ("la documentation publique")
            # nor a kind of cloud ("les instances Public Cloud", "le cloud public")
            r"(?<!documentation )(?<!doc )(?<!docs )(?<!référence )(?<!tarifs )(?<!cloud )"
            f"publi(?:c|cs|que|ques){_W}(?!\\s+cloud)",
            # put into the public documentation: a place anyone reads
            r"(?:dans|sur|à)\s+(?:la\s+|notre\s+)?(?:documentation|doc|docs)\s+publique",
            # read by anyone: a blog, a forum, put online ("mets en ligne sur le blog")
            r"(?<!notre )(?<!le )(?<!du )blog(?!\s+interne)",
            f"forums?{_W}",
            r"(?<=mets\s)en\s+ligne|(?<=mettre\s)en\s+ligne|(?<=mettez\s)en\s+ligne",
            "internet",
            r"sans\s+(?:compte|connexion|authentification|identifiant)",  # opened with no sign-in
            r"n'importe\s+qui",
            r"tous\s+les\s+utilisateurs\s+(?:\S+\s+){0,2}?lien",  # Drive's own label
            r"(?:toute\s+personne|quiconque)\s+(?:\w+\s+){0,3}lien",
            r"n'importe\s+(?:quelle|quel)\s+(?:source|adresse|ip|origine)",
            r"(?:toutes?\s+(?:les\s+)?)(?:sources|adresses|ip)(?!\w)",
            *SOCIAL_SITES,
        ),
        "everyone": (
            r"#g[ée]n[ée]ral",
            r"tou(?:te|s)\s+(?:la\s+|l\'|les\s+)?(?:boîte|société|entreprise|organisation|salariés|collaborateurs)",
            r"tout\s+le\s+monde",
            r"toute\s+l'entreprise",
            r"tous\s+les\s+employés",
            "#general",
            *WIDE_CHANNELS,
        ),
        "external": (
            # an outsider's whole domain
            r"(?:leur\s+domaine|domaine\s+de\s+l['’]agence|domaine\s+du\s+(?:prestataire|fournisseur|client))",
            # a distributor or reseller: another company
            r"distribut(?:eur|rice)s?(?!\w)",
            r"revendeurs?(?!\w)",
            # someone the writer knows outside the company, and their firm
            r"(?:une?|mon|ma|ton|ta|son|sa)\s+(?:\w+\s+)?(?:connaissance|ami|amie|pote|cousin|cousine|beau-frère|ancien\s+collègue)(?!\w)",
            r"start-?ups?(?!\w)",
            r"(?:son|sa|leur)\s+(?:propre\s+)?(?:dropbox|box|onedrive|google\s+drive|sharepoint)(?!\w)",
            r"data\s*room",
            r"salle\s+de\s+données",
            "prestataire",
            "fournisseur",
            r"sous-?traitant",
            "agence",
            "consultant",
            "partenaire",
            "externe",
            f"tiers{_W}",
            "freelance",
            "inconnu",
            "cabinet",
        ),
        "personal": (
            # one's own computer: the data leaves the systems that guard it
            r"(?:ton|ta|votre|mon|son)\s+(?:propre\s+)?(?:ordinateur|ordi|portable|laptop|poste)\s+perso\w*",
            r"(?:ton|votre|mon|son)\s+(?:propre\s+)?(?:ordinateur|ordi|portable|laptop)(?!\w)"
            r"(?!\s+(?:pro\b|professionnel|de\s+l'entreprise|d['’]entreprise|de\s+la\s+boîte|du\s+travail|"
            r"de\s+fonction|du\s+bureau|fourni\w*\s+par))",
            "wetransfer",  # a public file drop
            "yahoo",
            "icloud",
            r"chez\s+(?:toi|vous)",
            r"(?:à\s+la\s+maison|à\s+domicile)",
            r"ton\s+(?:mac|pc)",
            "personnel",
            r"perso(?!nn)",  # not "personne"
            "gmail",
            "hotmail",
            f"usb{_W}",
            "dropbox",
        ),
        "ai": (
            r"(?:transcription|traduction|résumé)s?\s+(?:\w+\s+)?en\s+ligne",
            r"(?:site|outil|service)\s+(?:\w+\s+){0,2}?(?:en\s+ligne|gratuit)",
            *AI_SITES,
            *AI_TOOLS,
            f"ia{_W}",
            "chatgpt",
            r"intelligence\s+artificielle",
            r"(?:traducteur|outil)\s+en\s+ligne",
            # a tool named by what it does ("un convertisseur CSV vers JSON en ligne")
            r"(?:convertisseur|compresseur|fusionneur|éditeur|validateur)\s+(?:\S+\s+){0,4}?en\s+ligne",
            "deepl",
            r"google\s+traduction",
        ),
        "messaging": (
            r"par\s+téléphone",
            "whatsapp",
            "telegram",
            f"signal{_W}",
            f"sms{_W}",
            "messenger",
            "wechat",
        ),
        "workspace": (
            r"(?:aux|à\s+la\s+liste\s+des)\s+domaines\s+(?:autorisés|approuvés|de\s+confiance)",
            r"(?:comme|en\s+tant\s+qu.)\s*invités?",
            r"accès\s+invité",
            r"espace\s+de\s+travail",
            r"slack\s+connect",
            r"canal\s+partagé",
        ),
        "declined": (
            r"(?:je\s+ne\s+(?:pense|crois)|mieux\s+vaut|plutôt|sûrement|certainement|surtout)\s+pas",
            r"non(?=\s*[.!,:;—–-])",
        ),
        "warning": (
            # a rule about the act, not a request: "la suppression … demande une validation"
            r"(?:demande|nécessite|exige|requiert)\s+(?:une\s+|l['’]\s*|d['’]\s*)?(?:validation|approbation|autorisation|accord)",
            r"(?:soumis\w*|sujet\w*)\s+à\s+(?:validation|approbation|autorisation)",
        ),
        "nonprod": (
            r"(?:environnement|cluster|serveur|instance|conteneur|base|projet|espace|bucket|table|schéma|"
            r"compte|dossier)s?\s+"
            r"(?:[\w-]+\s+){0,2}?(?:de\s+)?(?:dev|développement|test|tests|recette|qa|démo)(?!\w)",
            # "tout ce qu'il y a en recette"
            r"(?:en|sur)\s+(?:recette|dev|développement|staging|qa)(?!\w)",
        ),
        "neg_before": (
            "ne",
            "n'",
            "n’",
            "jamais",
            r"surtout\s+pas",
            "pas",
            # "sans supprimer"; "sans doute" (probably), "sans attendre" (at once) negate nothing
            r"sans(?!\s+(?:doute|faute|tarder|attendre|hésiter|hesiter|problème|souci|délai|plus\s+attendre))",
            r"au\s+lieu\s+de",
            r"plutôt\s+que",
            r"évite[rz]?",
            "interdit",
        ),
        "purpose_neg": (
            r"(?:pour|afin\s+de)\s+ne\s+(?:pas|plus|rien)\s+(?:avoir\s+à\s+|devoir\s+)?[\w'’-]+",
            r"(?:pour|afin)\s+qu[e'’]\s*(?:on|nous|vous|ils|elles|il|elle)\s+ne\s+[\w'’-]+\s+(?:pas|plus)",
        ),
        "topic": (
            r"(?:concernant|quant\s+à|au\s+sujet\s+d|à\s+propos\s+d|a\s+propos\s+d|pour\s+ce\s+qui\s+est\s+d|"
            r"suite\s+à|sur)",
        ),
        "affirm": (
            r"n[’']oublie[zr]?\s+pas",
            # une suggestion en question négative : « ce ne serait pas plus simple de … »,
            # « ne vaudrait-il pas mieux … », « pourquoi ne pas … »
            r"ne\s+(?:serait|vaudrait)(?:-(?:il|ce))?\s+pas\s+(?:plus\s+)?(?:simple|facile|rapide|"
            r"pratique|mieux)",
            r"pourquoi\s+ne\s+pas",
            r"n[’']hésite[zr]?\s+pas",
            r"n[’']attend(?:s|ez)?\s+pas",
        ),
        "hypothetical": (
            "hypothétiquement",
            "imaginons",
            "supposons",
            r"que\s+se\s+passerait",
            r"et\s+si",
            r"par\s+exemple",
        ),
        "conditional": ("si", "s'il", "s’il"),
        "report": (
            r"(?<!d')(?<!d’)(?<!de\s)hier",  # "yesterday's commit" reports nothing
            r"(?<!de\s)la\s+semaine\s+dernière",
            r"le\s+mois\s+dernier",
            # "il y a deux jours" (ago), not "ce qu'il y a dessus" (there is)
            r"il\s+y\s+a\s+(?:longtemps|(?:\d+|un|une|deux|trois|quatre|cinq|dix|quelques|plusieurs)"
            r"\s+(?:\w+\s+)?(?:minutes?|heures?|jours?|semaines?|mois|ans|années?))(?!\w)",
            r"cause\s+racine",
            r"post-?mortem",
            "incident",
            "panne",
            r"par\s+erreur",
            "accidentellement",
        ),
        "local": (
            r"locale?s?",
            "localement",
            "localhost",
            "portable",
            r"(?:ta|votre)\s+machine",
            r"(?:ta|votre)\s+(?:propre\s+)?branche",  # the reader's own branch
            r"branche\s+de\s+(?:feature|fonctionnalité)",
            r"bac\s+à\s+sable",
            "éphémère",  # an ephemeral environment holds nobody's data
            "sandbox",
            r"docker\s+compose",
        ),
        "exception": (
            r"exceptions?",
            r"dérogations?",
        ),
        "export": (
            r"rapatri(?:e|es|ez|er|ent)" + _W,
            r"aspir(?:e|es|ez|er|ent)(?!\w)(?!\s+à)",  # not "aspire à"
            r"dump(?:e|es|ez|er)" + _W,
            r"sor(?:s|tez|tir)" + _W,
            "export",
            "téléchar",
            "telechar",
            r"extra(?:is|yez|ire)" + _W,
            # un export récurrent mis en place ("programme un export quotidien vers …")
            r"(?:programm|planifi|configur|param[eé]tr|cré)\w*\s+(?:un|une|l['’]|le)\s*(?:[\w-]+\s+){0,2}?"
            r"(?:export|extraction|extract|flux)",
            r"mets?\s+en\s+place\s+(?:un|une|l['’]|le)\s*(?:[\w-]+\s+){0,2}?(?:export|extraction|flux)",
            # un rapport généré sur des personnes ("génère le rapport complet des salariés")
            r"g[ée]n[èée]r\w*\s+(?:le|un)\s+(?:rapport|état|listing)",
        ),
        "alerting": (
            *PAGERS,
            "notification",
            "alerte",
            "alarme",
            "surveillance",
            "monitoring",
        ),
        "network": (
            f"ports?{_W}",
            f"ssh{_W}",
            f"rdp{_W}",
            r"règles?\s+de\s+pare-feu",
            r"groupes?\s+de\s+sécurité",
            *PORT_SPECS,
        ),
        "channel": (
            r"canal(?!\s+partagé)",
            r"(?:sur|dans|via|par)\s+(?:slack|teams|discord|mattermost|google\s+chat)(?![\w-]|\.\w)(?!\s+(?:admin|sso|workspace|apps?|connect|groups?|settings|api|bot|tokens?|webhooks?|integrations?|accounts?|enterprise|grid|console|users?|org|guests?)\b)",
            "canaux",
            r"(?<![\w#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
            # not a cloud firewall or resource group
            r"groupe(?!s?\s+de\s+(?:sécurité|securite|ressources))",
            r"(?:dans|sur|au|en)\s+(?:le\s+|leur\s+|notre\s+|ton\s+|votre\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:tickets?|jira|zendesk|servicenow)(?![\w-])",
        ),
        "withheld": (
            r"exclu(?:re|ez|s|ant)\b",
            r"sans\s+(?:l'|le\s+|les\s+|aucun\w*\s+)?(?:environnement|jetons?|secrets?|clés?|mots\s+de\s+passe|tfstate|\.env)",
            r"(?:laisser|laissez|laisse)\s+de\s+côté",
            r"valeurs\s+fictives",
            r"(?:retire[rz]?|enlève[rz]?)\s+(?:les\s+|le\s+|l')?(?:jetons?|secrets?|clés?|mots\s+de\s+passe)",
        ),
        "sanctioned": (
            r"(?:outil|service|modèle|passerelle)\s+(?:\w+\s+)?interne",
            r"approuvé\w*\s+par\s+la\s+(?:dsi|sécurité)",
            r"auto-?hébergé\w*",
        ),
        "own_space": (
            # a personal branch
            r"(?:ta|ma|votre)\s+(?:propre\s+)?branche\s+(?:de\s+)?"
            r"(?:feature|fonctionnalit\w+|perso\w*)",
            # not a personal device or account ("ton Google Drive perso", "ton PC perso")
            r"(?:ton|votre|mon)\s+(?:propre\s+)?(?:(?!" + PERSONAL_DEVICES + r")[\w-]+\s+){0,3}?"
            r"(?:perso(?:nnel\w*)?|de\s+test|bac\s+à\s+sable|sandbox)",
            r"(?:bac\s+à\s+sable|cluster|stack|espace)\s+(?:de\s+test\s+)?perso\w*",
        ),
        "fields": (
            r"(?<!des\s)(?<!de\s)noms",  # not "les noms des colonnes"
            r"noms\s+(?:des|de\s+leurs)\s+(?:clients|salariés|employés|patients|utilisateurs)",
            r"e-?mails",
            r"adresses(?:\s+(?:e-?mail|personnelles|postales))?",
            r"(?:numéros?\s+de\s+)?téléphones?",
            r"dates?\s+de\s+naissance",
            r"numéros?\s+de\s+sécurité\s+sociale",
            r"salaires",
            r"iban",
            r"rib",
        ),
        "inside": (
            r"internes?",
            r"confidenti\w+",
            r"brut(?:e|es|s)?",
            r"marges?",
            r"prix\s+d['’]achat",
            r"co[uû]ts?(?:\s+de\s+revient)?",
            r"par\s+client",
            r"chiffres?\s+d['’]affaires",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"\(\s*(?:mais\s+)?(?:pas|jamais)\s+(?:le\s+|la\s+|les\s+|l[\'’]|ton\s+|votre\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s*\)",
            # masked before it goes: "remplace le mot de passe de la chaîne par ****"
            r"(?:remplac\w*|substitu\w*)\s+(?:le\s+|la\s+|les\s+|l'|l’)?[\w-]+"
            r"(?:\s+[\w'’-]+){0,6}?\s+par\s+\W{0,2}(?:\*{2,}|x{3,}|<|\[)",
            r"(?:masqu\w*|caviard\w*|anonymis\w*|occult\w*)\s+(?:le\s+|la\s+|les\s+|l'|l’)?[\w-]+"
            r"(?:(?:\s+(?:et|ou)\s+|\s+)(?:le\s+|la\s+|les\s+|l'|l’)?[\w-]+){0,4}",
            r"(?:sans(?!\s+(?:doute|faute|tarder|attendre|hésiter|problème|souci|délai)\b)|hors|excepté|sauf)\s+(?:aucun\w*\s+|les?\s+|la\s+|l'|des?\s+|d')?[\w-]+"
            r"(?:(?:\s+(?:ni|et|ou)\s+|\s+)(?:les?\s+|la\s+|l'|des?\s+|d')?[\w-]+){0,4}",
        ),
        "pressed": (
            r"(?:clique[rz]?|cliquez|appuie[rz]?|appuyez|choisis|choisissez|sélectionne[rz]?)"
            r"(?:\s+sur)?(?:\s+(?:le\s+)?bouton)?",
        ),
        "owned": (
            r"notre\s+(?:\w+\s+)?(?:interne|auto-hébergée?)",
            r"(?:interne|validée?)\s+par\s+l'entreprise",
        ),
        "route": (
            r"(?:extranet|portail)\s+(?:sécurisé\s+)?(?:des\s+)?(?:partenaires?|fournisseurs?|clients?)\s+habituel",
            r"(?:extranet|portail)\s+(?:partenaires?|fournisseurs?|clients?)\s+(?:que\s+(?:nous|on)\s+utilis\w+\s+déjà|existant)",
        ),
        # opens a relative clause about the object: a report word after it dates the object
        # the post or article itself, or its readers: a publication named before
        # contenu fait pour être public : slides d'une conférence, kit presse, logos, offres
        # d'emploi, tutoriels, extraits de code, données synthétiques
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            "serveurs?",
            "instances?",
            "vms?",
            r"machines?\s+virtuelles?",
            "pods?",
            "nœuds?",
            "noeuds?",
            "conteneurs?",
            "déploiements?",
        ),
        # a question about who may act, asked of the reader ("vérifie qui peut supprimer …")
        "addressee": (
            r"(?:demande[rz]?|demandez|contacte[rz]?|contactez|vois\s+avec|voyez\s+avec|écri[st]\s+(?:à|au)|passe\s+par)\s+(?:à\s+)?(?:ton|ta|votre|l[\'’]|le|la|un|une|notre|au|à\s+l[\'’])\s*(?:(?!comme\s|en\s|de\s)[\w-]+\s+){0,3}?$",
        ),
        "holders": (
            r"(?:vérifi|verifi|regard|list|contrôl|control|cherch|trouv|indiqu|dis-moi|dites-moi)\w*\s+"
            r"(?:[^\s.;:!?]+\s+){0,4}?(?:qui\s+|quel(?:le)?s?\s+(?:[\w-]+\s+){1,2}?)(?:peu(?:t|vent)|"
            r"(?:a|ont)\s+le\s+droit\s+de|(?:est|sont)\s+autorisé\w*\s+à)\s+(?:encore\s+)?$",
        ),
        "taken_up": (
            r"(?:(?:alors|donc|oui,?)\s+)*(?:fais|faites)-le(?:\s+maintenant)?(?=\s*(?:[.!;,]|$))",
            r"vas-y(?=\s*(?:[.!;,]|$))",
        ),
        "public_content": (
            r"(?:slides|diapos?|diapositives|support)\s+(?:\S+\s+){0,3}?(?:conférence|webinaire|webinar|présentation|meetup)",
            r"kit\s+(?:presse|média)",
            r"logos?",
            r"(?:offres|fiches)\s+(?:d['’]emploi|de\s+poste)",
            r"tutoriels?",
            r"extraits?\s+de\s+code",
            r"exemples?\s+de\s+code",
            r"données\s+synthétiques",
            r"jeu\s+de\s+données\s+synthétique",
            r"(?:brochures?|plaquettes?)(?:\s+(?:commerciales?|marketing|produit))?",
            r"(?:faq|foire\s+aux\s+questions)",
            r"notes\s+de\s+(?:version|mise\s+à\s+jour)",
            r"(?:manuels?|guides?)\s+(?:utilisateur|d['’]utilisation)",
            r"documentation\s+(?:publique|de\s+l['’]api|produit)",
            r"page\s+de\s+statut",
            r"(?:grille\s+tarifaire|liste\s+de\s+prix)\s+publique",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"(?:j['’]ai|on\s+a|nous\s+avons)\s+(?:déjà\s+)?(?:fait|pris|créé|lancé)\s+(?:une|la|un|le)\s+(?:sauvegarde|backup|dump|snapshot)",
            r"(?:la\s+sauvegarde|le\s+backup|le\s+dump)\s+est\s+(?:déjà\s+)?(?:faite?|prise?|terminée?|prête?)",
        ),
        "publication": (
            r"(?:l['’]|cet\s+|cette\s+)(?:article|annonce|billet)",
            "lecteurs",
            r"en\s+t[ée]l[ée]chargement",
        ),
        "relative": (
            r"qu['’]",
            r"(?:que|qui|dont)",
        ),
        "few": (
            r"(?:deux|trois|quatre|cinq|[2-9])\s+(?:\w+\s+)?(?:pdf|fichiers|documents|contrats|factures|commandes|rapports)",
            # a counted handful of records: what a deletion takes is those, not a store
            r"(?<![\d,.])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|[1-9]\d?)\s+(?:fiches|enregistrements|lignes|contacts|entrées|tickets)(?:\s+de\s+test)?(?!\w)",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"(?:seulement|uniquement|juste)\s+(?:la\s+|le\s+|les\s+)?(?:structure|schéma|définitions?\s+(?:de(?:s)?\s+)?tables?)",
            r"(?:structure|schéma)\s+(?:seul(?:e|ement)?|uniquement)",
            r"sans\s+(?:aucune\s+|les\s+)?(?:données|lignes?)",
            # the structure of a table is its definition, no rows ("la structure de la table")
            r"(?:la\s+)?structure\s+(?:de\s+la\s+table|des\s+tables|de\s+la\s+base)",
            # already public: the very file published on the company's site
            r"(?<!pas\sle\s)(?<!plus\sle\s)même\s+(?:fichier|document|version|catalogue|pdf)\s+que\s+(?:celui|celle)\s+"
            r"(?:qui\s+est\s+)?(?:publié|mis\w*\s+en\s+ligne|en\s+ligne|disponible)",
            # a template: variable names and placeholders, no values
            r"(?:valeurs?\s+(?:fictives?|d'exemple)|espaces?\s+réservés?|placeholders?)",
            *TEMPLATE_FILES,
            # made-up records stand in for real ones
            r"inventé\w*",
            r"faux\s+(?:clients|utilisateurs|comptes)",
            # already public: nothing more is exposed
            r"(?:est|sont)\s+déjà\s+publi\w*",
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"déjà\s+(?:validé|approuvé|relu)\w*",
            r"(?:validé|approuvé)\w*\s+(?:par\s+(?:la\s+|le\s+|les\s+)?(?:communication|juridique|rh|direction)|pour\s+(?:publication|diffusion))",
            r"(?:grilles?|fourchettes?)\s+(?:de\s+)?(?:salaires?\s+|salariales?\s+|rémunération\s+)?publiques?",
            r"déjà\s+sur\s+(?:notre|le|la)\s+(?:site|page|blog)",
            r"grilles?\s+(?:de\s+)?salaires?\s+publiques?",
            r"nombre\s+de",
            r"combien",  # a number, not the records
            r"totaux\s+(?:de|par)",
            r"(?:seulement|uniquement|juste)\s+(?:les\s+)?totaux",
            r"(?:le|les)\s+tota(?:l|ux)(?!\s+d)",  # "envoie-lui le total": a number
            r"sans\s+(?:aucune\s+)?données",
            r"déjà\s+publi\w*",
            r"(?:seulement|uniquement)\s+(?:les\s+)?(?:noms\s+de\s+)?colonnes",
            r"sans\s+(?:aucun\w*\s+|les\s+)?(?:e-?mails?|noms?|données\s+personnelles)",
            r"anonymisé\w*",
            r"agrégé\w*",
            r"vierges?",  # a blank template holds nothing
            r"(?:décompte|comptage)s?",  # a count, not the records
            r"(?:schéma|structure|modèle)\s+vide",
            r"synthétique\w*",
            r"ficti(?:f|ve|fs|ves)",
            "échantillon",
            r"masqué\w*",
            # example or test keys stand in for real ones
            r"(?:clés?|valeurs|identifiants)\s+(?:de\s+test|d['’]exemple|fictives?)",
        ),
        "dedicated": (
            "dédiée?",
            r"nouvel(?:le)?",
            "nouveau",
            "séparée?",
        ),
        "recipient": (
            "leur",
            r"leurs?\s+(?:[\w-]+\s+)?(?:dossier|drive|boîte|mail|serveur|portail|espace|sftp)s?",
            "lui",
            "eux",
        ),
        "rewrite": ("réécri", "reecri"),
        "ref": (
            r"branche\s+(?:\S+\s+)?develop",
            r"branche\s+(?:\S+\s+)?(?:release|main|master|principale|partag|distante|commune|de\s+release"
            r"|de\s+production|protég)",
            r"(?:tags?|étiquettes?)\s+de\s+(?:release|version)",
            r"release/[\w.\-]+",
        ),
        "service": (f"services?{_W}", f"api{_W}", "application"),
        "shared": (
            # poussé sur la branche partagée ("force-push sur main")
            r"sur\s+(?:la\s+branche\s+)?(?:main|master|trunk)",
            # protection taken off a branch: it is a shared one
            r"(?:enl[eè]v|retir|supprim|d[eé]sactiv|l[eè]v)\w*\s+(?:\S+\s+){0,2}?protection",
            r"d[eé]prot[eé]g\w*",
            r"distant\w*",
            r"partag\w*",
            r"origin\w*",
            r"upstream\w*",
            r"commun\w*",
            r"protég\w*",
        ),
        "brief": (
            r"pendant\s+(?:une|un|deux|trois|\d+)\s+(?:heures?|minutes?)",
            r"(?:une|\d+)\s+heures?",
            r"pendant\s+(?:le|la)\s+(?:déploiement|maintenance|migration|mise\s+en\s+production)",
        ),
        "hold": (r"legal\s+hold", r"conservation\s+légale", r"gel\s+juridique"),
        "public_part": (
            r"clés?\s+publiques?",
            r"public\s+key",
            r"(?:la\s+)?partie\s+publique",
            r"certificats?\s+publics?",
        ),
        "metadata": (
            r"(?:la|le|les|l['’]|seulement\s+(?:le|la)|juste\s+(?:le|la))\s*(?:[\w-]+\s+){0,2}?(?:chemin|nom|noms|libell[ée]|arn|titre)(?:\s+(?:vault|1password|keeper|bitwarden))?(?!\w)",
            r"(?:(?:au|à\s+la|aux|à)\s+[\w-]+\s+)?(?:la|les|le|l'|seulement\s+la|juste\s+la|"
            r"uniquement\s+la)\s*(?:[\w-]+\s+){0,2}?(?:dates?|versions?|"
            r"num[ée]ros?\s+de\s+version|empreintes?|expiration)(?!\w)",
        ),
        "pointer": (
            r"(?:lien|url)\s+(?:vers|de|du|à)\s+(?:la\s+|le\s+|l')?(?:guide|procédure|formulaire|wiki|page|portail|demande)",
        ),
        # l'auteur demande la permission d'agir ("puis-je supprimer … ?")
        "permission": (
            r"puis-je",
            r"pourrais-je",
            r"(?:est-ce\s+que\s+)?(?:je|j'|on)\s*(?:peux|peut|pourrais|pourrait|dois|ai\s+le\s+droit)",
            r"ai-je\s+le\s+droit",
            r"(?:c'est|est-ce)\s+(?:ok|bon|possible|d'accord)\s+(?:si\s+je|que\s+je|pour\s+toi\s+si)",
        ),
        "request": (
            r"tu\s+pourrais",
            r"vous\s+pourriez",
            r"peux-tu",
            r"pouvez-vous",
            r"pourrais-tu",
            r"pourriez-vous",
            r"tu\s+peux",
            r"vous\s+pouvez",
            r"s.il\s+te\s+pla[iî]t",
            r"s.il\s+vous\s+pla[iî]t",
        ),
        "lasting": (
            r"(?:deux|trois|quatre|plusieurs|\d+)\s+(?:semaines|mois)",
            r"jusqu.(?:au|à\s+la)\s+(?:prochain|prochaine|fin)",
            r"pendant\s+(?:\w+\s+)?(?:semaines|mois|ans)",
            "définitivement",
            "indéfiniment",
        ),
        "reported": (
            r"(?:a|ont)\s+demandé\s+(?:de|d.)",
            r"veut\s+que",
        ),
        "history": (
            *FORCE_PUSH,
            r"(?:pouss|push|envoi)\w*\s+(?:\S+\s+){0,8}?avec\s+(?:--force|-f)(?![\w-])",
            r"force-?push\w*",
            r"réécri\w*\s+(?:l.)?historique",
            r"pouss\w*\s+(?:\S+\s+){0,4}?en\s+force",
            r"forc(?:e|ez|er)\s+(?:le\s+)?push",
            r"push\s+(?:\S+\s+){0,2}?forcé",
        ),
        "proposal": (
            r"(?:montre|explique)(?:-lui|-leur)?\s+comment",
            # whether to do it is still to be decided ("discuss whether to make it public")
            r"s'il\s+(?:faut|convient)\s",
            r"si\s+(?:on|nous)\s+(?:doit|devons|peut|pouvons|devrait|devrions)\s",
        ),
        "email": (
            r"e-?mail",
            "courriel",
        ),
        # right after a removal verb: what goes is access to the thing, not the thing
        "access_part": (
            r"(?:les|le|des|tous\s+les|leurs?)\s+comptes?\s+(?:invit[ée]s?|externes?)(?!\w)",
            r"(?:le|les|la|l['’]|son|ses|leur|leurs|tous\s+les|toutes\s+les)\s*(?:r[ôo]les?|droits?|"
            r"acc[èe]s|permissions?|autorisations?|habilitations?|liens?\s+de\s+partage|"
            r"partages?|invitations?|adh[ée]sions?)(?!\w)",
        ),
        "output": (
            r"(?:variables\s+d['’])?environnement(?!\w)",
            r"-(?:le|la|les)(?!\w)",
            r"tout(?!\w)",
            r"(?:sortie|r[ée]sultats?|valeurs?|contenu)(?!\w)",
            r"ce\s+qu['’](?:il|elle|ça|on)\s+(?:affiche|renvoie|retourne|sort|donne|imprime)",
        ),
        "determiner": (
            r"(?:seulement\s+|juste\s+|uniquement\s+)?(?:le|la|les|un|une|des|ton|ta|tes|votre|vos|son|sa|ses|leur|leurs|ce|cet|cette|ces)(?=\s)",
            r"(?:seulement\s+|juste\s+|uniquement\s+)?l['’]",
        ),
        "pronoun": ("les", "le", "la", "lui", "ça", "cela"),
        "inbound": (r"(?:nous|m['’])",),
        "state": (r"(?:soit|soient|reste|restent|rester|laisse|laissez)(?:-(?:la|le|les))?",),
        "nominal": (
            r"(?:procéd|proced|demand|sollicit|effectu|réalis|realis|lanc)\w*"
            r"\s+(?:\w+\s+){0,2}?(?:(?:à|a)\s+)?(?:la|le|l'|l’|une|un)",
        ),
        # "je souhaiterais que vous désactiviez …": a subjunctive after a wish asks
        "wish": (
            r"(?:souhait|voudr|aimer|faudr|faut|demand|préfér|prefer)\w*\s+(?:\w+\s+)?qu[e'’]",
            r"(?:en\s+sorte|assure\w*(?:-toi|-vous)?|veille\w*\s+à\s+ce)\s+qu[e'’]",
        ),
        # what a code change does, reviewed in it: "ouvre une PR qui supprime l'ancien usage"
        # "une PR qui le supprime": what the PR does, its object a clitic pronoun or not
        "described": (
            r"(?:pr|pull\s+request|merge\s+request|mr|patch)\s+qui(?:\s+(?:le|la|les)|\s+l['’])?",
        ),
        "temporal": (
            r"(?:quand|lorsqu['’]?e?|dès\s+qu['’]?e?|une\s+fois\s+qu['’]?e?)\s*(?:on|tu|vous|il|elle|ils|elles)\s+(?:l['’]|les\s+)?",
        ),
        "contracted": (
            r"(?:canal|espace|portail|data\s+room)\s+(?:\w+\s+)?(?:convenu|prévu\s+(?:au|par\s+le)\s+contrat|mis\s+en\s+place\s+avec\s+(?:leur|le|son|sa))",
            r"(?:accord|contrat)\s+de\s+sous-traitance",
            r"(?:selon|comme\s+(?:le\s+)?prévoit)\s+le\s+contrat",
        ),
        "vetted": (
            r"(?:depuis|via|dans)\s+(?:les|le)\s+(?:dépôts?|magasin|store)\s+(?:officiels?|de\s+la\s+distribution)",
        ),
        "contained": (
            r"(?:en|dans\s+le)\s+mode\s+(?:protégé|d['’]affichage\s+protégé)",
            r"(?:en|dans\s+l['’])\s*affichage\s+protégé",
            r"dans\s+(?:la|une)\s+sandbox",
            r"(?:dans|avec)\s+(?:un|l['’]|le|ton|votre)\s*(?:éditeur|editeur|bloc-notes|notepad)",
        ),
        "limited": (
            r"(?:accès|droits?)\s+(?:en|de)\s+lecture",
            r"lecture\s+seule",
            "lecteur",
            "temporaire",
        ),
        "link": (
            r"(?:accès|liens?)\s+(?:anonymes?|publics?)",
            r"(?:toute\s+personne|tous\s+les\s+utilisateurs|quiconque|n\'importe\s+qui)\s+(?:\w+\s+){0,3}?(?:du|le)\s+lien",
        ),
        # a quoted setting changed from: "de «Cualquier persona con el enlace» a …"
        "withdrawn": (
            r"(?:de|depuis)\s+[«\"“]\s*$",
            r"règles?\s+(?:de\s+)?(?:refus|blocage)\s+(?:\S+\s+){0,6}?$",
        ),
        "source": (
            r"(?:de\s+la\s+part\s+d[eu'’]?|envoy[ée]e?s?\s+par|re[çc]u\w*\s+d[eu'’]?|provenant\s+d[eu'’]?)"
            r"\s*(?:(?:la|le|les|l['’]|un|une|ce|cet|cette|notre|votre)\s*)?(?:\w+\s+){0,2}$",
        ),
        # a question left to be settled later, up to its question word
        "deliberate": (
            r"(?:on\s+verra|nous\s+verrons|on\s+décidera|on\s+(?:va\s+)?(?:voir|décider|discuter)|"
            r"nous\s+(?:allons\s+)?(?:voir|décider|définir))\s+[^.;:!?\n]{0,60}?comment",
        ),
        # a file that itself asks for the act, up to where the act is named
        "prompted": (
            r"(?:fichier|document|pièce\s+jointe|classeur|tableur|pdf|installeur)(?!\w)(?:[^.;:!?\n]|\.(?=\S)){0,80}?"
            r"(?:demande|exige|réclame)\s*(?:à\s+|de\s+|d['’]\s*)?$",
        ),
    },
    examples={
        "vetted": ("depuis les dépôts officiels",),
        "contracted": ("le canal convenu", "l'accord de sous-traitance"),
        "temporal": ("quand on l'",),
        "governed": ("charge-le dans notre entrepôt de données",),
        "people": ("tous les clients", "la base complète des adhérents", "le fichier clients"),
        "contained": ("en mode protégé", "dans l’affichage protégé", "dans un éditeur de texte"),
        "declined": ("je ne pense pas", "surtout pas", "non :"),
        "pressed": ("clique sur Supprimer",),
        "fields": ("avec les noms des clients", "adresses personnelles"),
        "inside": ("le fichier interne des marges", "la liste confidentielle"),
        "prompted": ("le fichier envoyé par ce fournisseur demande d'",),
        "deliberate": ("on verra avec l'équipe comment",),
        "source": ("le fichier envoyé par ce nouveau ", "un mail de la part du "),
        "workload": ("toutes les instances", "les serveurs"),
        "addressee": ("demande à ton ", "vois avec l'"),
        "holders": ("vérifie qui peut ",),
        "excluded": ("(pas le .env)",),
        "public": ("tout le trafic entrant",),
        "taken_up": ("; fais-le.", ", vas-y."),
        "public_content": (
            "les slides de la présentation",
            "le kit presse",
            "la brochure marketing",
            "les notes de version",
        ),
        "safeguard": (
            "j'ai fait une sauvegarde",
            "la sauvegarde est faite",
        ),
        "publication": ("joins-le à l'article",),
        "shared": ("enlève la protection",),
        "destroy": ("supprimez les sauvegardes", "supprime la base"),
        "reset": ("recrée la base",),
        "disable": ("désactive la récupération", "mettez les alertes en sourdine"),
        "move": ("envoie la clé", "colle la liste"),
        "backup": ("les sauvegardes", "la récupération à un instant donné"),
        "ai": ("un traducteur ia en ligne",),
        "neg_before": ("ne supprimez", "n'ouvrez"),
    },
)
