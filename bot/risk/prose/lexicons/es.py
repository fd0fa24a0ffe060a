"""Spanish. Stems cover the inflections (borra, borre, borrar); preterite,
participles and the imperfect subjunctive narrate (borró, borrado, borráramos)."""

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

_W = r"(?!\w)"
# Object pronouns an imperative or infinitive carries ("ábrele", "desactívalas", "pégamela")
_CL = r"(?:(?:me|te|se|nos|le|les)?(?:lo|la|los|las)?)"
# The endings of an -ar verb a request uses: imperative, infinitive, subjunctive ("que
# vacíes"), vosotros, the gerund of the progressive ("ve vaciando") and the imperfect
# subjunctive after a wish ("sería que vaciaras"; alone it narrates, see past_form)
_AR = r"(?:a|e|ar|es|en|ad|ando|ara|aras|aran)"

LEXICON = lexicon(
    "es",
    spaced=True,
    markers="el la a tu mi los las del una para por con que es en al lo su sus este esta y de "
    "se un le les ya sin",
    fold_accents=True,
    enclitic=r"\w*(?:lo|la|los|las|le|les)(?!\w)",
    noun_form=r"(?:cion|ción|ciones|dor|dores|miento|mientos)$",
    # at a clause start, an imperative: "Pase la contraseña" (pasar), "Liquida la base",
    # "Traslada la tabla" (-idar, -adar verbs), not the participle or imperfect subjunctive
    imperative_form=r"(?:ase|asen|ada|ida)$",
    past_form=(
        # "acaba con …" is no imperfect
        r"(?:ó|aron|ado|ada|ados|adas|ido|ida|idos|idas|(?<!^ac)aba|(?<!^ac)aban|ió|ieron|ara|"
        r"aran|áramos|iera|ieran|iéramos|ase|asen)$"
        # irregular preterites ("alguien hizo un push --force", "puso la regla")
        r"|^(?:hizo|hice|hicimos|hicieron|puso|puse|pusimos|pusieron|dijo|dijeron|tuvo|"
        r"tuvieron|fue|fueron|trajo|quiso)$"
    ),
    entries={
        "destroy": (
            # coverage audit (issue 19)
            f"carg(?:ate|arse|arte|uese)(?:l[oa]s?){_W}",  # "cárgatela"
            rf"tir{_AR}{_CL}{_W}(?!\s+de\b)",  # "tira la base"; not "tira de" (pull on)
            r"d(?:a|e|en|emos|ar)(?:l[aoe]s?|sel[aoe]s?)?\s+de\s+baja",  # "denle de baja"
            # un contrato de hosting cancelado se lleva sus máquinas ("cancela los servidores
            # dedicados"); no "cancela la reunión"
            rf"cancel{_AR}{_CL}(?=\s+(?:\S+\s+){{0,5}}?(?:servidor|instancia|maquina|cluster|clúster|"
            r"base\s+de\s+datos|vps)\w*)",
            f"liquid{_AR}{_CL}{_W}",
            f"desech{_AR}{_CL}{_W}",
            "expurg",
            f"cerr{_AR}{_CL}{_W}",
            "borr",
            "elimin",
            "suprim",
            "destru",
            f"vac[ií]{_AR}{_CL}{_W}",
            "purg",
            f"quit{_AR}(?:le|les|lo|la|los|las)?{_W}",  # quítale el MFA
            "desmantel",
            "fulmin",  # "fulmínate la tabla"
            f"mat{_AR}{_CL}{_W}",  # "mata el clúster de producción"
            # a light verb and the tool's own word: "dale un drop a la tabla", "hazle un truncate"
            r"(?:un|una)\s+(?:drop|truncate|wipe|purge)(?![\w-])",
            f"limpi(?:a|e|es|en|ad|ando){_CL}{_W}",  # "limpia la base de producción", not "limpiar"
            r"desh(?:az|acer|aga)(?:te|se|nos)?\s+de" + _W,  # "deshazte de las copias"
            f"carg(?:ate|arse|arte|uese){_W}",  # "cárgate la base": get rid of it
            f"tumb{_AR}{_CL}{_W}",  # "tumba el clúster": take it down
            # the tool's own verbs, conjugated: "trunca la tabla", "dropea la base"
            f"trunc{_AR}{_CL}{_W}",
            f"drope{_AR}{_CL}{_W}",
            r"format\w*\s+(?:\S+\s+){0,3}?(?:discos?|volumenes|volumen|particion)",  # wipes them
        ),
        "reset": (
            "sobreescrib",  # coverage audit
            "recre",
            "reconstru",
            "reinicializ",  # "reiniciar el pod" restarts it, nothing is lost
            "restablec",
            "resete",
            r"(?:vuelve|vuelva|volver)\s+a\s+crear",
            "sobrescrib",
        ),
        "disable": (
            # coverage audit (issue 19); not "para" (for)
            f"par(?:e|en|ar|ad){_CL}{_W}",
            # "corta el acceso"; not "corta duración"
            r"cort(?:a|e|en|ar)(?:l[eo]s?)?(?=\s+(?:el|la|los|las|todo|todos|todas)\b)",
            "inhabilit",
            f"anul{_AR}{_CL}{_W}",
            # "crear una ventana de mantenimiento en todos los servicios": nada avisa mientras dura
            r"ventanas?\s+de\s+mantenimiento",
            # a requirement relaxed
            "relaj",
            "flexibiliz",
            r"(?:pon|pas|cambi|dej)\w*\s+(?:\S+\s+){0,6}?(?:a|en)\s+modo\s+(?:conteo|count|detecci[oó]n|auditor[ií]a)",
            # a control set to its off value ("pon el WAF en modo desactivado", "déjalo en off")
            r"(?:pon|pas|cambi|dej|configur|establec)\w*\s+(?:\S+\s+){0,8}?(?:a|en|como)\s+(?:modo\s+|estado\s+)?"
            r"[\"“'‘]?(?:desactivad[oa]|inactiv[oa]|apagad[oa]|deshabilitad[oa]|off)(?!\w)",
            "desactiv",
            r"(?:reduc|reduz|acort|baj)\w*\s+(?:\S+\s+){0,3}?retenci",  # "reduce la retención"
            "deshabilit",
            "apag",
            "silenci",
            "deten",
            "detén",
            "suspend",
            f"paus{_AR}{_CL}{_W}",
            "desinstal",
            f"mute{_AR}{_CL}{_W}",
            f"cancel(?:a|e|ar|es|en|ad|ando|emos){_W}",
        ),
        "bypass": (
            f"puente(?:a|e|en|ar|ad|ando){_CL}{_W}",  # coverage audit; not "puente"
            # not a rule that fires ("la regla que salta", "si salta algo"): indicative
            # "salta(n)" after "que", "si", "cuando" says what a control does by itself
            f"(?<!que )(?<!si )(?<!cuando )salta(?:n)?{_W}",
            f"salt(?:e|ar|es|en|ad|ando|arse|ate|ese){_W}",
            "omit",
            f"ignor{_AR}{_CL}{_W}",
            "elud",
            "sorte",
            r"pas(?:a|e|ar)\s+por\s+alto",
            "bypass",
            r"(?:fusion|merge|empuj|despleg|mezcl)\w*\s+(?:\S+\s+){0,3}?sin" + _W,
        ),
        "grant": (
            f"haz(?:los|las){_W}",  # "hazlos a todos Super Admin"
            r"transfi[ée]r\w*(?=\s+(?:\S+\s+){0,4}?(?:propiedad|titularidad))",
            # coverage audit (issue 19)
            f"(?:denle|denles){_W}",
            f"nombr(?:a|ad|ar|alo|ala|en|emos){_W}",  # not "nombre" (a name)
            r"p[oó]n(?:le|les|gale|ganle)\s+(?:\S+\s+){0,5}?(?:como|de)\s+(?=admin|propietari|owner|due[nñ]o|superusuari)",
            f"asciend(?:e|a|an|elo|ela){_W}",  # not "ascendente"
            f"haz(?:le|les)?{_W}",  # "hazle owner del repositorio"
            rf"(?:pon|ponga|poner|ponle)\s+(?:\S+\s+){{1,5}}?como{_W}",  # "set X as owner"
            f"(?:hacemos|hazlo|hazla|hacerlo|hacerla|hágalo|hacer){_W}",
            f"(?:dale|dales|déle|dele|darle|darles|dar|da|den){_W}",
            "otorg",
            # "asegúrate de que el proveedor tenga permisos de administrador" (rights, not
            # "que el bucket tenga activado el bloqueo")
            r"teng(?:a|an)(?=\s+(?:\S+\s+){0,2}?(?:permisos?|acceso|rol|derechos|privilegios)\b)",
            f"met(?:e|a|er){_CL}{_W}",  # "mete al becario en sudoers"
            "conced",
            "concéd",
            "asign",
            "promuev",
            "promov",
            "añad",
            "agreg",
        ),
        "share": (
            # el acceso anónimo o público de una consola activado
            r"(?:activ|habilit|permit)\w*(?=\s+(?:\S+\s+){0,3}?(?:acceso|enlaces?|vínculos?)\s+(?:anónim|públic))",
            # un lugar privado convertido en público ("convierte el canal privado en público")
            r"convi[ée]rt\w*\s+(?:\S+\s+){0,8}?en\s+(?:un\s+|una\s+)?(?:canal\s+|espacio\s+|grupo\s+)?públic",
            "publiqu",  # coverage audit: "publique", "publiquen"
            f"difund(?:e|a|an|ir|id)(?:l[oa]s?)?{_W}",
            f"divulg(?:a|ue|uen|an|ar)(?:l[oa]s?)?{_W}",  # not "divulgante"
            "compart",
            "invit",
            "añad",
            "agreg",
            # publica, publícalo; "público(s)", "públicas" are adjectives ("pública" is
            # folded like the imperative "publica" and stays)
            r"public(?!os?\b|as\b)",
            # "haz público el informe", "ponla pública", "déjalo público"
            # (a quoted title may sit between: "dejar el tablero "Incidencias por cliente" con
            # acceso público")
            r"(?:haz|hacer|hazl[oa]s?|pon|ponl[oa]s?|poner|deja|dejal[oa]s?|dejar)\s+(?:\S+\s+){0,12}?"
            # "deja el tablero visible para cualquiera"
            r"(?:con\s+acceso\s+)?(?:públic|visible|accesible)",
            f"expon(?:e|er|ga|gan)?{_CL}{_W}",  # "expón el puerto", "exponlo"
            # "cambia el acceso general a «Cualquier persona con el enlace»": who may open it
            r"cambi\w*\s+(?:\S+\s+){0,3}?(?:acceso|permisos?|visibilidad)",
        ),
        "move": (
            # guardado en un lugar personal ("guarda el archivo en tu Drive personal")
            r"guard(?:a|e|ar|alo|ala|alos|alas)\s+(?:\S+\s+){0,8}?en"
            r"(?=[^.;,\n]{0,30}?\b(?:personal|privad[oa]|particular)\b)",
            "traslad",  # coverage audit: "traslada la base a tu Dropbox"
            # fijado en un canal ("fija en #finanzas la contraseña", "ancla el token en el chat"):
            # un valor dejado donde todos lo leen; no "fija el precio"
            rf"(?:fij|ancl){_AR}{_CL}\s+(?:\S+\s+){{0,8}}?(?:en|a|al)\s+(?:el\s+|la\s+|nuestro\s+|nuestra\s+)?"
            r"(?:#|canal|chat|grupo|hilo)",
            # coverage audit (issue 19)
            f"pas(?:e|en)(?:l[oa]s?|le|les)?{_W}",  # usted: "pase la contraseña al proveedor"
            f"traspas{_AR}{_CL}{_W}",  # "traspase la base a su Dropbox"
            "transfier",  # "transfiere": the stem changes
            f"cuelg(?:a|ue|uen|as){_CL}{_W}",  # "cuélgalo en la web"
            f"poste(?:a|e|en|ar|ad){_CL}{_W}",  # not "poste" (a post)
            f"remit(?:e|a|an|ir|id)(?:l[oa]s?)?{_W}",  # not "remitente" (a sender)
            # importado en un sitio ("importa toda la base en su Notion personal")
            r"import\w*\s+(?:\S+\s+){0,8}?(?:en|a|al)(?!\w)",
            # attached to a post or a mail: it goes where they go
            "adjunt",
            r"lee(?:le|les|r)?" + _W,
            f"pas(?:a|ale|ales|ar|ele|eles|ame|anos)(?:lo|la|los|las)?{_W}",  # pásale, pásame
            "reenví",
            f"met(?:e|a|er){_CL}{_W}",  # "métele la hoja de salarios a ChatGPT"
            f"env[ií]{_AR}{_CL}{_W}",
            "mand",
            f"peg(?:a|ue|ar|ues|uen|ad|ando){_CL}{_W}",
            f"sub(?:e|a|ir|as|an|id|iendo)(?:lo|la|los|las|le|les)?{_W}",  # súbelo
            r"copi(?!as?\s+de\s+seguran|as(?!\w))",  # "las copias": a noun
            "transfer",
            "reenv",
            f"(?:pon|ponga|poner){_W}",
        ),
        "open": (
            r"liber(?:a|e|en|ar)\s+(?:\S+\s+){0,3}?puertos?" + _W,  # coverage audit
            # "crea una regla de firewall: puerto 3389, origen 0.0.0.0/0" (no una de denegación)
            r"(?:cre|añad|anad|agreg)\w*\s+(?:(?!deneg|bloque)\S+\s+){0,3}?reglas?" + _W,
            "redirig",
            "redireccion",
            f"conect{_AR}{_CL}{_W}",  # plug in a device
            f"enchuf{_AR}{_CL}{_W}",
            f"abr(?:e|a|ir|es|as|an|en|id|iendo){_CL}{_W}",
            "habilit",
            r"activ(?:a|e|ar)\s+(?:el\s+contenido|las\s+macros)",
            "ejecut",
            f"corr(?:e|a|er|as|an|ed|iendo){_CL}{_W}",  # "corre el script"
            "instal",
            "lanz",
            r"dej(?:a|e|ar)\w*\s+(?:\S+\s+){0,6}?abiert[oa]s?" + _W,  # "deja el puerto abierto"
            f"permit(?:e|a|ir|as|an|id|iendo){_W}",  # "permitir 0.0.0.0/0 en el puerto 5432"
            r"(?:haz|hacer|haga|hagan)\s+clic",  # "haz clic en el enlace del correo sospechoso"
            f"(?:clic|clique|pinch)(?:a|e|ar|ea|ear){_W}",
        ),
        "data": (
            f"(?:bd|bbdd){_W}",  # coverage audit: "la BD de producción"
            # internal pricing: confidential business data
            r"(?:precios|tarifas|márgenes|costes|costos)\s+internos",
            r"crm(?!\w)",
            "buzón",
            "buzones",
            r"bases?\s+de\s+datos",
            r"bases?\s+(?:de\s+)?(?:prod|producción|produccion|clientes|pedidos)(?!\w)",
            "esquema",
            r"libro\s+mayor",
            r"conjunto\s+de\s+datos",
            r"almacén\s+de\s+datos",
            "bucket",
            f"datos{_W}",
            "registros",
            "repositorio",
            "historial",
            f"tablas{_W}",
        ),
        "data_weak": (
            # the records a business console holds (CRM, soporte, selección)
            r"conversaciones(?!\w)",
            r"contactos(?!\w)",
            r"tickets(?!\w)",
            r"registros(?!\w)",
            r"fichas(?!\w)",
            r"candidat(?:o|a|ura)s(?!\w)",
            r"perfiles(?!\w)",
            r"oportunidades(?!\w)",
            r"leads(?!\w)",
            r"cuentas(?!\w)(?!\s+(?:de\s+)?(?:usuario|servicio|admin))",
            # a workspace or an IaC stack holds data and systems
            r"espacios?\s+de\s+trabajo",
            f"stacks?{_W}",
            r"máquinas?\s+virtual",
            r"vms?(?!\w)",
            r"discos?(?!\w)",
            r"nodos?(?!\w)",  # VMs, disks
            "grabaci",
            "presentaci",
            "tablero",
            "cuaderno",
            "notebook",
            r"actas?(?!\w)",
            f"logs?{_W}",
            f"tabla{_W}",
            "archivo",
            "fichero",
            "carpeta",
            f"rama{_W}",
            "documento",
            rf"hoja(?!\s+de\s+ruta){_W}",  # a "hoja de ruta" is a roadmap, a plan
            "lista",
            "exportación",
            "informe",
            "servidor",
            "instancia",
            "servicio",
            "entorno",
            "proyecto",
            "volumen",
            "volúmenes",
            "canal",
            "csv",
            "excel",  # a spreadsheet by its program ("un Excel con todos los clientes")
            "xlsx",
            "transcripci",
        ),
        "system": (
            "clúster",
            "cluster",
            "balanceador",  # load balancers: the edge of a service
            r"vpcs?(?!\w)",
            r"zonas?\s+dns",
            "infraestructura",
            "namespace",
            "inquilino",
            "organización",
            "suscripción",
            "kubernetes",
        ),
        "backup": (
            r"historial(?:es)?\s+de\s+versiones",
            r"versiones\s+anteriores",
            r"control\s+de\s+versiones",
            r"puntos?\s+de\s+restauraci[oó]n",  # coverage audit
            r"recuperación\s+a\s+un\s+(?:momento|punto)\s+(?:dado|en\s+el\s+tiempo)",
            r"pitr(?!\w)",
            "papelera",
            r"copias?\s+de\s+seguridad",
            r"(?:rotación\s+(?:\w+\s+)?de\s+)?cintas",  # backup tapes
            r"copias?\s+(?:nocturna|diaria|semanal|mensual|incremental|completa)s?",
            "respaldo",
            "backup",
            "instantánea",
            "snapshot",
            "bóveda",
            r"recuperación\s+a\s+un\s+punto",
            "pitr",
            "réplica",
            "retención",
            "versionado",
        ),
        "control": (
            # lo que frena un pago sin revisar: antifraude y una segunda persona
            r"(?:detecci[oó]n|prevenci[oó]n|reglas?|filtros?|control(?:es)?)\s+(?:de\s+|del\s+)?fraude",
            "antifraude",
            r"doble\s+(?:aprobaci[oó]n|firma|validaci[oó]n|autorizaci[oó]n|control)",
            r"segund[oa]\s+(?:aprobador|aprobaci[oó]n|firma|firmante|validador|validaci[oó]n)",
            r"cuatro\s+ojos",
            *CONTROL_PRODUCTS,
            r"guard\s*duty",
            r"security\s*hub",
            r"safe\s+(?:links|attachments)",
            r"siem(?!\w)",
            r"(?:microsoft\s+)?sentinel\s+(?:analytics|rules?|connectors?|workspace)",
            r"acceso\s+condicional",
            r"inicios?\s+de\s+sesión\s+(?:de|con)\s+riesgo",
            r"detección\s+de\s+(?:riesgos?|amenazas|intrusiones|anomalías)",
            "defender",
            r"bloqueo\s+de\s+(?:usb|dispositivos)",
            r"doble\s+factor",
            r"dos\s+pasos",
            "dlp",
            "edr",
            "sensor",
            f"mfa{_W}",
            f"2fa{_W}",
            r"autenticación\s+(?:de\s+dos\s+factores|multifactor|en\s+dos\s+pasos)",
            "auditoría",
            "cortafuegos",
            "firewall",
            "antivirus",
            "cifrado",
            "protección",
            # not the team things go to or that reviews them ("reenvíalo a seguridad", "para
            # que lo revise seguridad", "el equipo de seguridad")
            r"(?<!\ba\s)(?<!revise\s)(?<!revisen\s)(?<!equipo\sde\s)(?<!área\sde\s)(?<!area\sde\s)"
            r"(?<!departamento\sde\s)seguridad",
            f"sso{_W}",
        ),
        "gate": (
            *GATE_SETTINGS,
            r"comprobaciones\s+obligatorias",
            r"antes\s+de\s+(?:fusionar|la\s+fusi[oó]n|hacer\s+merge)",
            r"antes\s+del\s+merge",
            r"exige\s+(?:un\s+)?pull\s+request",
            "revisión",
            "aprobación",
            "codeowners",
        ),
        "secret": (
            r"clave(?!\s+pública)",
            r"códigos?\s+de\s+recuperación",
            "contraseña",
            "secreto",
            "token",
            "credencial",
            # not "errores de certificado": the error, not the certificate
            r"(?<!errores de )(?<!error de )certificado(?!s?\s+públic)",
            "llave",
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            r"(?<![\w.])\.env(?![\w.])",
            *SECRET_FILES,
        ),
        "pii": (
            # what is sent carries personal fields ("el listado con nombres, DNI y teléfonos")
            r"con\s+(?:sus\s+|los\s+|todos\s+los\s+)?(?:nombres|dni|teléfonos|direcciones|currículums|"
            r"cv|fechas\s+de\s+nacimiento)(?!\w)",
            # a whole set of people's records ("el listado completo de pacientes", "toda la base
            # de socios", "todos los candidatos"): personal data in bulk
            r"(?:listado|lista|base|fichero|exportación|extracto|todos\s+los|todas\s+las)\s+"
            r"(?:\S+\s+){0,3}?(?:de\s+|de\s+los\s+|de\s+las\s+)?(?:candidatos|postulantes|pacientes|"
            r"alumnos|estudiantes|socios|miembros|suscriptores|donantes|leads|contactos|afiliados|"
            r"voluntarios)(?!\w)",
            # two personal fields listed together: records of people ("correos y teléfonos")
            r"(?:nombres|correos(?:\s+electrónicos)?|e-?mails|teléfonos|direcciones|dni|fechas\s+de\s+nacimiento|ibans?|tarjetas|historial(?:es)?\s+de\s+compras?)"
            r"\s*(?:,\s*(?:y\s+)?|y\s+|e\s+)(?:nombres|correos(?:\s+electrónicos)?|e-?mails|teléfonos|direcciones|dni|fechas\s+de\s+nacimiento|ibans?|tarjetas|historial(?:es)?\s+de\s+compras?)(?!\w)",
            "nómina",
            "nominas",
            "nóminas",
            "dni",
            r"clientes?" + _W,
            "deudas",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            r"(?<!por )(?<!por el )(?<!\()(?<!al )(?<!con )(?<!con el )legal",
            "dirección",
            "paciente",
            f"clientes{_W}",
            r"datos\s+personales",
            "salari",
            "nómina",
            "empleados",
            "médic",
            r"historias?\s+clínicas?",
            "pasaporte",
            r"tarjetas?\s+de\s+crédito",
            "direcciones",
            "contratos",
            "facturas",
            "confidencial",
        ),
        "people": (
            # una población entera ("todos los clientes", "cada socio", "todas las conversaciones")
            r"(?:tod(?:os|as)\s+(?:los|las|nuestros|nuestras|sus|tus)|cada)\s+(?:[\w-]+\s+)?"
            r"(?:clientes?|usuari[oa]s?|contactos?|suscriptor|soci[oa]s?|miembros?|emplead[oa]s?|"
            r"pacientes?|candidat|afiliad|abonad|tickets?|conversacion|incidencias?|leads?)",
            # la base, la tabla, el padrón de personas ("la tabla de usuarios", "la base completa
            # de clientes", "el padrón de socios")
            r"(?:base|tabla|listado|lista|padrón|fichero|colección|cartera)s?\s+(?:complet[oa]\s+|enter[oa]\s+)?"
            r"(?:de\s+|de\s+los\s+|de\s+las\s+|de\s+nuestros\s+)?(?:clientes|usuarios|socios|afiliados|"
            r"empleados|pacientes|contactos|suscriptores|miembros|abonados|users|customers)(?!\w)",
        ),
        "governed": (
            r"(?:c[aá]rg|import|ingier|integr)\w*\s+(?:[\w-]+\s+){0,3}?(?:en|a)\s+nuestro\s+(?:[\w-]+\s+)?"
            r"(?:data\s*warehouse|almacén\s+de\s+datos|data\s*lake|lago\s+de\s+datos)",
        ),
        "admin": (
            f"owners?{_W}",
            # not one project's or channel's admin ("administrador del proyecto")
            f"administrador(?:es|a)?{_W}"
            r"(?!\s+(?:del|de\s+la|de\s+un|de\s+una)\s+(?:proyecto|canal|grupo|espacio|aplicaci[oó]n|app)\b)",
            # a whole shop or account owned ("transfiere la propiedad de la tienda")
            r"(?:propiedad|titularidad)\s+(?:de\s+la\s+|del\s+|de\s+nuestra\s+|de\s+nuestro\s+)(?:\S+\s+)?"
            r"(?:tienda|cuenta|espacio\s+de\s+trabajo|organizaci[oó]n|instancia|sitio|dominio|workspace|tenant)",
            f"(?<!google )admins?{_W}",
            r"superadmin\w*",
            "propietario",
            f"dueños?{_W}",
            "superusuario",
            r"acceso\s+total",
            r"todos\s+los\s+permisos",
            r"(?:modificar|ver)\s+todos\s+los\s+datos",  # Salesforce, in Spanish
            *ADMIN_ROLES,
        ),
        "untrusted": (
            # de dónde dice el propio mensaje que viene el código: nadie responde de él
            r"(?:sitio|p[aá]gina|servicio|web)\s+(?:de\s+|para\s+)?(?:compartir|alojamiento\s+de|descarga\s+de)\s+archivos",
            r"(?:resubi|volvi[oó]\s+a\s+subir)\w*",
            r"(?:subi|public|compart|colg)\w*\s+(?:\S+\s+){0,5}?en\s+(?:un|el)\s+(?:servidor|grupo|canal)\s+de\s+(?:discord|telegram)",
            r"public[oó]\s+(?:un\s+usuario|alguien|una\s+cuenta)",
            r"public(?:ad[oa]|ó)\s+(?:ayer|hoy|hace\s+(?:unas?|dos|tres|pocas|\d+)\s+(?:horas|d[ií]as))",
            r"hace\s+(?:unas?|dos|tres|pocas|\d+)\s+(?:horas|d[ií]as)\s+por",
            r"cuentas?\s+(?:nueva|reci[eé]n\s+creada|an[oó]nima|sin\s+historial)",
            r"sin\s+(?:el\s+)?c[oó]digo\s+fuente",
            r"(?:no\s+est[aá]\s+firmad|sin\s+firmar|no\s+firmad)\w*",
            r"nota\s+de\s+rescate",
            r"rescate",
            r"(?<![\d,.])\d{1,2}\s+descargas",
            "aparcamiento",
            "estacionamiento",
            r"(?:usb|pendrive|memoria)\s+(?:\S+\s+){0,3}?(?:encontr|hall)\w*",
            "foro",
            # alguien desconocido en internet ("un usuario publicó en Stack Overflow")
            r"(?:alguien|un\s+usuario|un\s+tipo|una\s+persona)\s+(?:\S+\s+){0,4}?(?:public[oó]|"
            r"comparti[oó]|mand[oó]|recomend[oó]|sugiri[oó])" + _W,
            r"stack\s*overflow",
            "reddit",
            # una extensión cargada fuera de la tienda ("en modo desarrollador", "cargar
            # descomprimida")
            r"modo\s+(?:de\s+)?desarrollador",
            r"(?:cargar|carga)\s+(?:extensi[oó]n\s+)?(?:descomprimida|sin\s+empaquetar)",
            r"extensi[oó]n\s+(?:\S+\s+){0,3}?(?:descomprimida|sin\s+empaquetar)",
            r"we\s*transfer",
            r"(?<![\w.])apk(?!\w)",
            r"un\s+tal(?!\s+vez)",  # "un tal Rodrigo": someone nobody knows
            r"(?<!por\s)supuesto",  # "el supuesto proveedor"; "por supuesto" is "of course"
            r"diciendo\s+ser",
            r"dice\s+ser",
            r"\.(?:vsix|apk|msi|dmg|crx|jar)" + _W,
            "anydesk",
            "teamviewer",
            "macro",
            r"habilitar\s+contenido",
            "desconocid",
            "phishing",
            "sospechos",
            r"no\s+verificad",
            r"\.(?:exe|scr|iso|lnk|xlsm|docm)" + _W,
            # cracked, pirated or unofficial software
            r"crack(?:ead)?\w*",
            "keygen",
            r"pirat(?:a|ead)\w*",
            r"no\s+oficial",
        ),
        "prod": ("producción", "produccion", f"prod{_W}"),
        "bulk": (
            "complet",
            f"tod(?:o|a|os|as){_W}",
            "enter",
            f"cada{_W}",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"todo\s+el\s+tr[aá]fico\s+(?:entrante|de\s+entrada)" + NO_SOURCE,
            r"todas\s+las\s+conexiones\s+entrantes" + NO_SOURCE,
            # the company's own website, where things are put
            r"(?:en|a)\s+(?:el|nuestro|la|nuestra)\s+(?:sitio|página)\s+web",
            r"en\s+nuestra\s+web(?!\s+interna)",
            # the company blog and press releases are public
            r"blog(?!\s+interno)",
            r"notas?\s+de\s+prensa",
            r"publicad[oa]s?\s+en\s+(?:la\s+)?web",
            # a port forwarded on a router or NAT: reachable from the internet
            r"(?:reenv[ií]o|redirecci[oó]n|redireccionamiento|mapeo)\s+del?\s+(?:los\s+)?puertos?",
            r"(?:reenv[ií]|redirig|redireccion)\w*\s+(?:el|los)\s+puertos?",
            r"port\s*forwarding",
            r"reglas?\s+nat",
            r"(?:a|para)\s+(?:todo\s+)?el\s+mundo\s+entero",
            r"0\.0\.0\.0/0",
            r"::/0",
            r"la\s+web",
            "públic",
            # not a document public by its kind ("la documentación pública")
            r"(?<!documentación )(?<!documentacion )(?<!hoja de ruta )(?<!lista de precios )"
            f"public(?:o|a){_W}",
            # put into the public documentation: a place anyone reads
            r"(?:en|a)\s+(?:la\s+|nuestra\s+)?documentaci[óo]n\s+p[úu]blica",
            "internet",
            r"sin\s+(?:cuenta|login|iniciar\s+sesión|autenticación)",  # opened with no sign-in
            "cualquiera",
            r"cualquier\s+persona",  # Drive's "Cualquier persona con el enlace"
            r"cualquier\s+(?:ip|direcci|origen|sitio|lugar|red)\w*",  # "a cualquier IP"
            r"desde\s+cualquier\s+(?:lado|parte)",
            *SOCIAL_SITES,
        ),
        "everyone": (
            r"todos\s+(?:en|de)\s+la\s+(?:empresa|compañía|organización)",
            r"todo\s+el\s+personal",
            r"toda\s+la\s+(?:compañía|organización|plantilla)",
            r"todo\s+el\s+mundo",
            r"toda\s+la\s+empresa",
            r"todos\s+los\s+empleados",
            *WIDE_CHANNELS,
        ),
        "external": (
            # an outsider's whole domain
            r"dominio\s+(?:de\s+ellos|de\s+la\s+(?:agencia|gestor[ií]a|consultora)|del\s+(?:proveedor|cliente|socio))",
            # a distributor or reseller: another company
            r"distribuidor(?:es|a|as)?(?!\w)",
            r"revendedor(?:es)?(?!\w)",
            # someone the writer knows outside the company, and their firm
            r"(?:un|una|mi|tu|su)\s+(?:\w+\s+)?(?:amig[oa]|conocid[oa]|prim[oa]|cuñad[oa]|excompañer[oa])(?!\w)",
            r"startups?(?!\w)",
            "despacho",
            "bufete",
            r"(?:su)\s+(?:propio\s+)?(?:dropbox|box|onedrive|google\s+drive|sharepoint)(?!\w)",
            r"gestoría",
            r"data\s*room",
            "proveedor",
            "contratista",
            "agencia",
            "consultor",
            f"socio{_W}",
            "extern",
            "tercer",
            "freelance",
            "desconocid",
        ),
        "personal": (
            # one's own computer: the data leaves the systems that guard it
            # where a copy goes, not where it already is ("no seu notebook", "en tu portátil")
            r"(?<!en\s)(?<!de\s)(?<!desde\s)(?:tu|su|mi)\s+(?:propi[oa]\s+)?(?:portátil|portatil|ordenador|computadora|laptop|pc)(?!\w)"
            r"(?!\s+(?:de\s+la\s+empresa|de\s+empresa|corporativ\w*|del\s+trabajo|de\s+trabajo))",
            "wetransfer",  # a public file drop
            "yahoo",
            "icloud",
            r"correo\s+personal",
            r"(?:tu|su)\s+casa",
            r"en\s+casa",
            "personal",
            "gmail",
            "hotmail",
            f"usb{_W}",
            "pendrive",
            "dropbox",
        ),
        "ai": (
            r"(?:sitio|página|servicio|herramienta|web)\s+(?:\w+\s+){0,2}?(?:en\s+línea|online|gratuit)",
            r"(?:transcripción|traducción)\s+(?:\w+\s+)?(?:en\s+línea|online)",
            *AI_SITES,
            *AI_TOOLS,
            f"ia{_W}",
            "chatgpt",
            r"inteligencia\s+artificial",
            r"(?:traductor|herramienta)\s+(?:en\s+línea|online)",
            # a tool named by what it does ("un convertidor de PDF online")
            r"(?:convertidor|compresor|editor|validador)\s+(?:\S+\s+){0,4}?(?:en\s+línea|online)",
            "deepl",
            r"traductor\s+de\s+google",
            r"google\s+translate",
        ),
        "messaging": (
            r"por\s+teléfono",
            "whatsapp",
            "telegram",
            f"signal{_W}",
            f"sms{_W}",
            "messenger",
        ),
        "workspace": (
            r"(?:a\s+los|en\s+los|a\s+la\s+lista\s+de)\s+dominios\s+(?:aprobados|permitidos|autorizados|"
            r"de\s+confianza)",
            r"como\s+invitad[oa]s?",
            r"espacio\s+de\s+trabajo",
            r"slack\s+connect",
            r"canal\s+compartido",
        ),
        "temporal": (
            r"al",
            r"(?:cuando|en\s+cuanto|una\s+vez\s+que)\s+(?:lo|la|los|las|se\s+lo|se\s+la)\s",
        ),
        "declined": (
            r"(?:yo\s+)?(?:creo|pienso|diría)\s+que\s+no",
            r"(?:mejor|claro\s+que|desde\s+luego\s+que|por\s+supuesto\s+que)\s+no",
            r"no(?=\s*[.!,:;—–-])",
        ),
        "warning": (
            # a rule about the act, not a request: "borrar la base requiere aprobación"
            r"(?:requiere|necesita|exige)\s+(?:\w+\s+)?(?:aprobación|autorización|visto\s+bueno)",
            r"(?:sujet|somet)\w*\s+a\s+(?:aprobación|autorización)",
        ),
        "nonprod": (
            r"(?:entorno|clúster|cluster|servidor|instancia|contenedor|base|proyecto|bucket|tabla|esquema|cuenta|"
            r"carpeta|espacio)s?\s+"
            r"(?:[\w-]+\s+){0,2}?de\s+(?:desarrollo|dev|pruebas|test|qa|demo)(?!\w)",
            r"en\s+(?:desarrollo|pruebas|staging|qa)(?!\w)",  # "todo lo que hay en pruebas"
        ),
        "neg_before": (
            "no",
            "nadie",  # "que nadie desactive el MFA"
            "nunca",
            "jamás",
            "jamas",
            r"en\s+vez\s+de",
            r"en\s+lugar\s+de",
            r"sin(?!\s+(?:duda|falta|demora|problema|más|mas|esperar)\b)",  # "sin duda": surely
            r"evit(?:a|e|ar|en)",
        ),
        "purpose_neg": (
            r"para\s+(?:que\s+)?no\s+(?:(?:tener|tengamos|tengas|tenga)\s+que\s+|(?:se|nos|le|les|lo|la|me|te)\s+)?"
            r"[\w-]+",
        ),
        "topic": (
            r"(?:sobre|acerca\s+de|respecto\s+a|en\s+cuanto\s+a|con\s+respecto\s+a|en\s+relaci[oó]n\s+(?:a|con)|"
            r"referente\s+a)\b",
        ),
        "affirm": (
            r"no\s+(?:olvides|olvide|dudes|dude|esperes|espere)",
            # una sugerencia en pregunta negativa: "¿no sería más fácil …?", "¿por qué no …?"
            r"no\s+(?:sería|seria|es)\s+(?:mucho\s+)?(?:más|mas|mejor)\s*(?:fácil|facil|sencillo|simple|"
            r"rápido|rapido|práctico|practico)?",
            r"por\s+qu[ée]\s+no",
        ),
        "hypothetical": (
            "hipotéticamente",
            r"qu[ée]\s+pasar[ií]a",
            "imagina",
            "supongamos",
            r"por\s+ejemplo",
        ),
        "conditional": ("si",),
        "report": (
            r"(?<!de\s)ayer",  # "yesterday's commit" reports nothing
            r"(?<!de\s)la\s+semana\s+pasada",
            r"el\s+mes\s+pasado",
            r"hace\s+(?:\w+\s+)?(?:horas|días|semanas|meses|años)",
            r"causa\s+raíz",
            "postmortem",
            "incidente",
            "caída",
            r"por\s+error",
            "accidentalmente",
        ),
        "local": (
            r"local(?:es|mente)?",
            "localhost",
            "portátil",
            r"tu\s+máquina",
            r"tu\s+(?:propia\s+)?rama",  # the reader's own branch
            r"rama\s+de\s+(?:feature|funcionalidad)",
            "sandbox",
            # "la cuenta de pruebas", "sus VPC de prueba": a place for tests
            r"(?:cuentas?|vpcs?|clústeres|clúster|cluster|entornos?|servidor(?:es)?|proyectos?)\s+(?:\w+\s+){0,2}?de\s+pruebas?(?!\w)",
            r"docker\s+compose",
        ),
        "exception": (
            r"excepci(?:ón|ones)",
            r"exenci(?:ón|ones)",
        ),
        "export": (
            # coverage audit (issue 19)
            f"baj(?:a|e|en)(?:lo|la|los|las){_W}",  # "bájalo"
            r"baj(?:a|en)\s+(?:toda|todo|todos|todas)(?!\w)",
            f"s[aá]ca(?:me|nos){_CL}{_W}",
            "vuelc",
            "volc",
            r"s[aá]ca(?:te|r|lo|la)?" + _W,
            "export",
            "descarg",
            f"baj(?:ar|ate|arte|arse|ando){_CL}{_W}",  # "bájate la base de clientes"
            f"extra(?:e|er|iga|igas|igan|yendo){_CL}{_W}",
            # una exportación periódica configurada ("programa una exportación diaria al SFTP")
            r"(?:program|configur|cre|automatiz)\w*\s+(?:un|una|el|la)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:exportaci[oó]n|extracci[oó]n|volcado|export)",
            # un informe generado sobre personas ("genera el informe completo de empleados")
            r"gener\w*\s+(?:el|un)\s+(?:informe|reporte|listado)",
        ),
        "alerting": (
            *PAGERS,
            "alerta",
            "alarma",
            "monitoreo",
            "monitorización",
        ),
        "network": (
            r"reglas?\s+del?\s+(?:firewall|cortafuegos)",  # coverage audit
            f"puertos?{_W}",
            f"ssh{_W}",
            f"rdp{_W}",
            r"reglas?\s+de\s+firewall",
            r"grupos?\s+de\s+seguridad",
            *PORT_SPECS,
        ),
        "channel": (
            r"canal(?!\s+compartido)",
            r"(?:en|por|v[ií]a|a)\s+(?:slack|teams|discord|mattermost|google\s+chat)(?![\w-]|\.\w)(?!\s+(?:admin|sso|workspace|apps?|connect|groups?|settings|api|bot|tokens?|webhooks?|integrations?|accounts?|enterprise|grid|console|users?|org|guests?)\b)",
            "canales",
            r"(?<![\w#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
            # not a cloud firewall or resource group
            r"grupo(?!s?\s+de\s+(?:seguridad|recursos))",
            r"(?:en|al)\s+(?:el\s+|su\s+|nuestro\s+|tu\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:tickets?|jira|zendesk|servicenow)(?![\w-])",
        ),
        "withheld": (
            r"exclu(?:ir|ye|yendo|ido)\b",
            r"sin\s+(?:el\s+|los\s+|las\s+|ningún\s+)?(?:entorno|tokens?|secretos?|claves?|contraseñas?|tfstate|\.env)",
            r"dejar\s+fuera|deja\s+fuera",
            r"valores\s+ficticios|marcadores\s+de\s+posición",
            r"(?:quitar|quita)\s+(?:los\s+|las\s+|el\s+)?(?:tokens?|secretos?|claves?|contraseñas?)",
        ),
        "sanctioned": (
            r"(?:herramienta|servicio|modelo|pasarela)\s+(?:\w+\s+)?interno?a?",
            r"aprobad[oa]s?\s+por\s+(?:ti|seguridad|sistemas)",
            r"autoalojad[oa]",
        ),
        "own_space": (
            # a personal branch
            r"(?:tu|mi)\s+(?:propia\s+)?rama\s+(?:de\s+)?(?:feature|funcionalidad|personal)",
            # not a personal device or account ("tu correo personal", "tu portátil personal")
            r"tu\s+(?:propio\s+|propia\s+)?(?:(?!" + PERSONAL_DEVICES + r")[\w-]+\s+){0,2}?"
            r"(?:personal|de\s+pruebas|sandbox)",
            r"(?:stack|cl[uú]ster|namespace|entorno|espacio|sandbox)\s+personal",
        ),
        "fields": (
            r"nombres",
            r"correos(?:\s+electr[oó]nicos)?",
            r"e-?mails",
            r"direcciones",
            r"tel[eé]fonos",
            r"fechas?\s+de\s+nacimiento",
            r"dnis?",
            r"nifs?",
            r"curps?",
            r"rfcs?",
            r"salarios",
            r"sueldos",
            r"iban",
            r"tarjetas",
        ),
        "inside": (
            r"intern[oa]s?",
            r"confidencial(?:es)?",
            r"en\s+bruto",
            r"m[aá]rgen(?:es)?",
            "margen",
            r"cost(?:o|e)s?",
            r"por\s+cliente",
            "facturación",
            "ingresos",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"\(\s*(?:pero\s+)?no\s+(?:el\s+|la\s+|los\s+|las\s+|tu\s+|su\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s*\)",
            # masked before it goes: "sustituye la contraseña de la cadena por ****"
            r"(?:sustitu\w*|reemplaz\w*|cambi\w*)\s+(?:la\s+|el\s+|los\s+|las\s+)?[\w-]+"
            r"(?:\s+[\w-]+){0,6}?\s+por\s+\W{0,2}(?:\*{2,}|x{3,}|<|\[)",
            r"(?:ocult\w*|tach\w*|enmascar\w*|anonimiz\w*)\s+(?:la\s+|el\s+|los\s+|las\s+)?[\w-]+"
            r"(?:(?:\s+(?:y|o)\s+|\s+)(?:la\s+|el\s+|los\s+|las\s+)?[\w-]+){0,4}",
            r"(?:sin(?!\s+(?:duda|falta|demora|problema|más|mas|esperar)\b)|excepto|salvo|quitando)\s+(?:ningún\s+|ninguna\s+|los\s+|las\s+|el\s+|la\s+)?"
            r"[\w-]+(?:(?:\s+(?:ni|y|o)\s+|\s+)(?:los\s+|las\s+|el\s+|la\s+)?[\w-]+){0,4}",
        ),
        "pressed": (
            r"(?:haz|hagan?|dale|den|pulsa[rn]?|presiona[rn]?|elige|escoge|selecciona[rn]?)"
            r"(?:\s+(?:clic|click))?(?:\s+(?:en|a|sobre))?(?:\s+el\s+botón)?",
        ),
        "owned": (r"nuestr[oa]\s+(?:\w+\s+)?(?:intern[oa]|propi[oa])",),
        "route": (
            r"portal\s+(?:seguro\s+)?(?:de\s+)?(?:socios|proveedores|clientes|partners)\s+(?:habitual|que\s+ya\s+usamos|existente)",
        ),
        # opens a relative clause about the object: a report word after it dates the object
        # the post or article itself, or its readers: a publication named before
        # contenido hecho para ser público: diapositivas de una charla, kit de prensa, logos,
        # ofertas de empleo, tutoriales, fragmentos de código, datos sintéticos
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            "servidor(?:es)?",
            "instancias?",
            "vms?",
            r"máquinas?\s+virtuales?",
            "pods?",
            "nodos?",
            "contenedor(?:es)?",
            "despliegues?",
        ),
        # a question about who may act, asked of the reader ("averigua quién puede desactivar …")
        "addressee": (
            r"(?:p[ií]de(?:le|les)?|pregunta(?:le)?|solicita(?:le)?|habla\s+con|escribe(?:le)?\s+a|contacta(?:\s+con)?)\s+(?:a\s+)?(?:al|tu|el|la|un|una|nuestro|vuestro|su)\s+(?:(?!como\s|de\s)[\w-]+\s+){0,3}?$",
        ),
        "holders": (
            r"(?:averigu|revis|comprueb|verific|list|mir|dime|díme|consult|confirm)\w*\s+"
            r"(?:[^\s.;:!?]+\s+){0,4}?(?:qui[eé]n(?:es)?\s+|qu[eé]\s+(?:[\w-]+\s+){1,2}?|cu[aá]les\s+"
            r"(?:[\w-]+\s+){0,2}?)(?:pued(?:e|en)|tien(?:e|en)\s+permiso\s+para|est(?:á|a|án|an)\s+"
            r"autorizad\w*\s+(?:a|para))\s+(?:todav[ií]a\s+)?$",
        ),
        "taken_up": (
            r"(?:(?:así\s+que|entonces|sí,?)\s+)*(?:h[aá]zlo|h[aá]galo|h[aá]ganlo)(?:\s+ya)?(?=\s*(?:[.!;,]|$))",
            r"adelante(?:\s+con\s+ello)?(?=\s*(?:[.!;,]|$))",
        ),
        "public_content": (
            r"(?:diapositivas|slides|presentación)\s+(?:\S+\s+){0,3}?(?:charla|conferencia|webinar|webinario|meetup)",
            r"kit\s+de\s+prensa",
            r"logos?",
            r"(?:ofertas|descripciones)\s+de\s+(?:empleo|los\s+puestos|las\s+vacantes)",
            r"tutoriales?",
            r"fragmentos?\s+de\s+código",
            r"ejemplos?\s+de\s+código",
            r"datos\s+sintéticos",
            "folletos?",
            r"(?:documento\s+de\s+)?preguntas\s+frecuentes",
            r"notas\s+de\s+(?:la\s+)?versión",
            r"(?:manual|guía)\s+de(?:l)?\s+usuario",
            r"documentación\s+(?:pública|de\s+la\s+api|del\s+producto)",
            r"página\s+de\s+estado",
            r"lista\s+de\s+precios\s+pública",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"(?:ya\s+)?(?:hice|hicimos|he\s+hecho|hemos\s+hecho|tomé|saqué|sacamos)\s+(?:la|una|el|un)\s+(?:copia(?:\s+de\s+seguridad)?|backup|respaldo|dump)",
            r"(?:la\s+copia(?:\s+de\s+seguridad)?|el\s+backup|el\s+respaldo)\s+ya\s+está\s+(?:hech[oa]|list[oa])",
        ),
        "publication": (
            r"(?:la|esta)\s+(?:nota|entrada|publicaci[oó]n|anuncio)",
            "lectores",
            r"descargables?",
        ),
        "relative": (r"(?:que|quien|quienes)",),
        # "un PR que lo elimine": what the PR does to what was named before, not an order
        "described": (r"(?:pr|pull\s+request|merge\s+request|mr|patch)\s+que\s+(?:lo|la|los|las)",),
        "few": (
            r"(?:dos|tres|cuatro|cinco|[2-9])\s+(?:\w+\s+)?(?:pdf|archivos|documentos|contratos|facturas|pedidos|informes)",
            # a counted handful of records: what a deletion takes is those, not a store
            r"(?<![\d,.])(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|[1-9]\d?)\s+(?:registros|filas|contactos|entradas|tickets)(?:\s+de\s+prueba)?(?!\w)",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"s[oó]lo\s+(?:la\s+|el\s+|las\s+)?(?:estructura|esquema|definiciones(?:\s+de\s+(?:las\s+)?tablas)?|ddl)",
            r"(?:estructura|esquema)\s+(?:s[oó]lo|solamente|únicamente)",
            r"sin\s+(?:ningún\s+|los\s+)?(?:datos|filas|registros)",
            # already public: the very file published on the company's site
            r"mism[oa]\s+(?:archivo|fichero|documento|versión|pdf|catálogo)\s+que\s+(?:el\s+que\s+|la\s+que\s+)?"
            r"(?:ya\s+)?(?:está\s+|están\s+)?(?:publicad\w*|en\s+(?:la|nuestra)\s+web)",
            # a template: variable names and placeholders, no values
            r"(?:marcador(?:es)?\s+de\s+posición|valores\s+de\s+ejemplo|placeholders?)",
            r"solo\s+(?:los\s+)?nombres\s+de\s+(?:las\s+)?(?:variables|claves)",
            *TEMPLATE_FILES,
            # made-up records stand in for real ones
            r"inventad[oa]s?",
            r"falsos|falsas",
            r"sintétic\w*",
            # already public: nothing more is exposed
            r"ya\s+(?:es|son|está|están)\s+públic\w*",
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"ya\s+(?:aprobad|validad|revisad)\w*",
            r"ya\s+(?:lo\s+|la\s+)?(?:aprobó|validó)",
            r"aprobad\w*\s+(?:por|para)\s+(?:el\s+)?(?:equipo\s+)?(?:legal|jurídico|comunicación|publicación|uso\s+externo)",
            r"número\s+de(?!\s+(?:teléfono|tarjeta|cuenta|documento|identificación|seguro))",
            r"totales?\s+(?:de|por)",
            r"(?:s[oó]lo|solamente|únicamente)\s+(?:los\s+)?totales",
            r"(?:el|los)\s+total(?:es)?(?!\s+de\b)",  # "mándale el total": a number
            r"cu[aá]nt[oa]s",  # a number, not the records
            r"sint[eé]tic\w*",
            r"ficticio\w*",
            r"sin\s+(?:ningún\s+)?datos?",
            r"ya\s+(?:publicad\w*|(?:está|están|tenemos|aparece)\s+en\s+(?:la|nuestra)\s+(?:web|página))",
            r"solo\s+(?:los\s+nombres\s+de\s+)?(?:las\s+)?columnas",
            r"sin\s+(?:ningún\s+|los\s+)?(?:correos?|nombres?|datos\s+personales)",
            r"anonimizad\w*",
            r"agregad\w*",
            r"en\s+blanco",  # a blank template holds nothing
            r"(?:re)?cuentos?\s+(?:de|por)",  # a count, not the records
            r"conteos?",
            "muestra",
            r"enmascarad\w*",
            # example or test keys stand in for real ones
            r"(?:claves?|valores|datos|credenciales)\s+de\s+(?:ejemplo|prueba)",
        ),
        "dedicated": (
            "dedicad[oa]",
            "nuev[oa]",
            "separad[oa]",
        ),
        "recipient": (
            r"\w+les",
            "les",
            "ellos",
            "ellas",
        ),
        "rewrite": ("reescrib", "reescrit"),
        "ref": (
            r"rama\s+(?:\S+\s+)?develop",
            r"rama\s+(?:\S+\s+)?(?:main|master|principal|release|remota|compartida|de\s+release"
            r"|de\s+producción|protegida)",
            r"(?:etiquetas?|tags?)\s+de\s+(?:versión|version|release|lanzamiento)",
            r"release/[\w.\-]+",
            # the history of a shared branch: "reescribe el historial de main"
            r"historial\s+de\s+(?:la\s+rama\s+)?(?:main|master|release\S*|producción|develop)(?!\w)",
        ),
        "service": (f"servicios?{_W}", f"api{_W}", "aplicación"),
        "shared": (
            # empujado a la rama compartida ("haz force-push a main")
            r"(?:a|sobre)\s+(?:la\s+rama\s+)?(?:main|master|trunk)",
            # protection taken off a branch: it is a shared one
            r"(?:quit|elimin|desactiv|retir)\w*\s+(?:\S+\s+){0,2}?protecci[oó]n",
            r"desproteg\w*",
            r"remot\w*",
            r"compartid\w*",
            r"origin\w*",
            r"upstream\w*",
            r"protegid\w*",
        ),
        "brief": (
            r"durante\s+(?:una|un|dos|tres|\d+)\s+(?:horas?|minutos?)",
            r"durante\s+(?:el|la)\s+(?:despliegue|mantenimiento|migración)",
            r"(?:ventana|durante)\s+(?:\S+\s+){0,4}?(?:una|un|dos|\d+)\s+horas?",
        ),
        "hold": (r"legal\s+hold", r"retención\s+legal", r"conservación\s+legal"),
        "public_part": (
            r"claves?\s+públicas?",
            r"public\s+key",
            # the public half of a certificate, as it is called ("la parte pública")
            r"(?:la\s+)?parte\s+pública",
            r"certificados?\s+públicos?",
        ),
        "metadata": (
            r"(?:la|el|los|las|s[oó]lo\s+(?:la|el)|solamente\s+(?:la|el))\s+(?:[\w-]+\s+){0,2}?(?:ruta|nombre|nombres|etiqueta|arn|t[ií]tulo)(?:\s+(?:en\s+)?(?:vault|1password|keeper|bitwarden))?(?!\w)",
            r"(?:(?:al|a\s+la|a\s+los|a)\s+[\w-]+\s+)?(?:la|las|el|los|s[oó]lo\s+la|s[oó]lo\s+el|"
            r"solamente\s+la)\s+(?:[\w-]+\s+){0,2}?(?:fechas?|versi[oó]n|versiones|"
            r"n[uú]meros?\s+de\s+versi[oó]n|caducidad|expiraci[oó]n|huellas?)(?!\w)",
        ),
        "pointer": (
            r"(?:enlace|link|v[ií]nculo)\s+(?:a|al|hacia)\s+(?:la\s+|el\s+)?(?:gu[ií]a|formulario|procedimiento|wiki|p[aá]gina|portal|solicitud)",
        ),
        # quien escribe pide permiso para actuar ("¿puedo borrar …?")
        "permission": (
            "puedo",
            r"podr[ií]a\s+yo",
            r"(?:me\s+)?(?:dejas|permites|das\s+permiso)",
            r"tengo\s+permiso",
            r"(?:est[aá]|estar[ií]a)\s+bien\s+(?:si|que)",
            r"te\s+parece\s+bien\s+(?:si|que)",
        ),
        "request": (
            "puedes",
            "podrías",
            "podrias",
            r"puede\s+usted",
            "podéis",
            "podeis",
            r"por\s+favor",
        ),
        "lasting": (
            r"(?:dos|tres|cuatro|varias|\d+)\s+(?:semanas|meses)",
            r"hasta\s+(?:el|la)\s+(?:próximo|próxima|siguiente|fin)",
            r"durante\s+(?:\w+\s+)?(?:semanas|meses|años)",
            "indefinidamente",
            "permanentemente",
        ),
        "reported": (
            r"(?:me|nos|te)?\s*(?:pidió|pidieron|dijo|dijeron)\s+que",
            r"quiere\s+que",
        ),
        "history": (
            # "haz push --force a main", "súbelo forzado": a forced push in a light-verb phrase
            r"(?:haz|hacer|hagan?|hace)\s+(?:un\s+)?push\w*\s+(?:\S+\s+){0,8}?(?:--force(?:-with-lease)?|-f)(?![\w-])",
            r"sub\w*\s+(?:\S+\s+){0,3}?forzad\w*",
            *FORCE_PUSH,
            r"un\s+force[\s-]?push",  # "hazle un force push a main"
            r"(?:sub|empuj|mand|push)\w*\s+(?:\S+\s+){0,8}?con\s+(?:--force|-f|fuerza)(?![\w-])",
            r"force-?push\w*",
            r"reescrib\w*\s+(?:el\s+)?historial",
            r"(?:haz|hacer|hace)\s+(?:un\s+)?push\s+(?:\S+\s+){0,2}?forzado",
            r"empuj\w*\s+(?:\S+\s+){0,4}?a\s+la\s+fuerza",
            r"fuerza\s+el\s+push",
        ),
        "proposal": (
            r"(?:muestra|explica|enseña)(?:le|les)?\s+cómo",
            # whether to do it is still to be decided ("discuss whether to make it public")
            r"si\s+(?:conviene|hay\s+que|debemos|deberíamos|podemos|se\s+debe)\s",
        ),
        "email": (
            "correo",
            r"e-?mail",
        ),
        "access_part": (
            r"(?:las|los|la|el|sus?)\s+cuentas?\s+(?:de\s+)?(?:invitad[oa]s?|externas?)(?!\w)",
            r"(?:el|los|la|las|su|sus|todos\s+los|todas\s+las)\s+(?:rol(?:es)?|derechos?|accesos?|"
            r"permisos?|privilegios?|enlaces?\s+compartidos?|invitaci[oó]n|invitaciones|"
            r"membres[ií]as?)(?!\w)",
        ),
        "output": (
            r"(?:variables\s+de\s+)?entorno(?!\w)",
            r"todo(?!\w)",
            r"(?:salida|resultados?|valor|valores|contenido)(?!\w)",
            r"lo\s+que\s+(?:salga|sale|imprima|imprime|devuelva|devuelve|muestre|muestra|d[eé]|saque)",
        ),
        "determiner": (
            r"(?:s[oó]lo\s+|solamente\s+|[uú]nicamente\s+)?(?:el|la|los|las|un|una|unos|unas|tu|tus|su|sus|este|esta|estos|estas|ese|esa|esos|esas)(?=\s)",
        ),
        "pronoun": ("lo", "la", "los", "las", "eso", "esto"),
        "inbound": (r"(?:nos|me)",),
        "state": (
            r"(?:quede|queden|quedar|esté|estén|sea|sean|deja|deje|dejen|dejar)(?:l[oa]s?)?",
        ),
        "nominal": (
            r"(?:solicit|pid|ped|requier|requer|proced|realic|realiz|gestion|tramit|efect[uú])\w*"
            r"\s+(?:\w+\s+){0,2}?(?:(?:con|a)\s+)?(?:la|el|una|un)",
        ),
        # "me gustaría que desactivara …": the imperfect subjunctive asks, it does not narrate
        "wish": (
            # "sería (mejor) que vaciaras …", "lo más sencillo sería que …"
            r"(?:gustar[ií]a|quisiera|agradecer[ií]a|preferir[ií]a|convendr[ií]a|ser[ií]a"
            r"(?:\s+(?:bueno|mejor|ideal|preferible|conveniente|buena\s+idea))?)\s+que",
        ),
        "contracted": (
            r"carpeta\s+(?:de\s+[\w-]+\s+)?que\s+(?:ya\s+)?(?:tenemos|compartimos|usamos)\s+con\s+(?:su|sus|el|la)\s+(?:despacho|firma|bufete|agencia|asesor\w*|auditor\w*|gestor\w*)",
            r"(?:según|como\s+(?:dice|establece|marca))\s+el\s+contrato",
            r"canal\s+(?:acordado|pactado|del\s+contrato)",
            r"contrato\s+de\s+encargo\s+(?:de|del)\s+tratamiento",
        ),
        "vetted": (
            r"(?:desde|de|en)\s+(?:los|el)\s+(?:repositorios?|repos?|tienda)\s+(?:oficiales?|de\s+la\s+distribución)",
        ),
        "contained": (
            r"(?:en|con)\s+(?:la\s+)?vista\s+protegida",
            r"en\s+(?:el|un|una|la)\s+sandbox",
            r"(?:en|con)\s+(?:el|un|tu)\s+(?:editor|bloc\s+de\s+notas|notepad)",
            r"en\s+modo\s+(?:de\s+)?(?:solo\s+)?lectura",
        ),
        "limited": (
            r"(?:acceso|permisos?)\s+de\s+lectura",
            r"solo\s+lectura",
            "lector",
            "temporal",
        ),
        "link": (
            r"(?:acceso|enlaces?|vínculos?)\s+(?:anónim|públic)\w*",
            r"cualquier(?:a|\s+persona)\s+(?:\w+\s+){0,2}?con\s+el\s+(?:enlace|link|vínculo)",
            # "cualquiera que tenga el enlace", "quien tenga el link"
            r"(?:cualquier(?:a|\s+persona)|quien(?:es)?|todo\s+el\s+que|todos\s+los\s+que)\s+(?:que\s+)?"
            r"(?:tenga|tengan|reciba|reciban|conozca|abra)\s+(?:el\s+)?(?:enlace|link|vínculo)",
        ),
        # a quoted setting changed from: "de «Cualquier persona con el enlace» a …"
        "withdrawn": (
            r"(?:de|desde)\s+[«\"“]\s*$",
            r"reglas?\s+de\s+(?:denegación|denegacion|bloqueo)\s+(?:\S+\s+){0,6}?$",
        ),
        "source": (
            r"(?:de\s+parte\s+del?|enviad\w*\s+por|recibid\w*\s+de|procedente\s+de)\s+"
            r"(?:(?:la|el|los|las|un|una|este|esta|ese|esa|nuestro|nuestra)\s+)?(?:\w+\s+){0,2}$",
        ),
        # a question left to be settled later, up to its question word
        "deliberate": (
            r"(?:veremos|decidiremos|acordaremos|hablaremos|vamos\s+a\s+(?:ver|decidir|acordar))\s+"
            r"[^.;:!?\n]{0,60}?c[oó]mo",
        ),
        # a file that itself asks for the act, up to where the act is named
        "prompted": (
            r"(?:archivo|fichero|documento|adjunto|hoja|libro|pdf|instalador)(?!\w)(?:[^.;:!?\n]|\.(?=\S)){0,80}?"
            r"(?:pide|solicita|exige)\s+(?:que\s+)?$",
        ),
    },
    examples={
        "vetted": ("desde los repositorios oficiales",),
        "contracted": ("la carpeta de Box que tenemos con su despacho", "como dice el contrato"),
        "governed": ("cárgalo en nuestro data warehouse",),
        "people": ("todos los clientes", "la tabla de usuarios", "cada socio"),
        "contained": ("en vista protegida", "en el editor de texto"),
        "temporal": ("al ",),
        "declined": ("yo creo que no", "mejor no", "no:"),
        "pressed": ("haz clic en Eliminar",),
        "fields": ("con dni y direcciones", "teléfonos"),
        "inside": ("nuestra hoja interna de costos", "márgenes"),
        "prompted": ("la hoja de cálculo del proveedor pide ",),
        "deliberate": ("luego veremos con el equipo cómo",),
        "source": ("el correo enviado por un ", "una factura de parte del "),
        "workload": ("todos los servidores", "las instancias"),
        "addressee": ("pídele al ", "habla con tu "),
        "holders": ("averigua quién puede ",),
        "excluded": ("(no el .env)",),
        "public": ("todo el tráfico entrante",),
        "taken_up": ("; hazlo.", ", hágalo"),
        "public_content": (
            "el fragmento de código",
            "el kit de prensa",
            "el documento de preguntas frecuentes",
            "el folleto",
        ),
        "safeguard": ("ya hice la copia de seguridad",),
        "publication": ("adjúntalo a la nota",),
        "destroy": ("borra las copias", "elimina la base"),
        "disable": ("apague las alertas", "desactiva la autenticación"),
        "backup": ("las copias de seguridad",),
        "move": ("envía la clave", "pega la lista"),
        "neg_before": ("nunca borres", "no borres"),
    },
)
