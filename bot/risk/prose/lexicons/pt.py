"""Portuguese. Stems cover the inflections (apague, apaga, apagar); preterite,
participles and the imperfect subjunctive narrate (apagou, apagado, apagássemos)."""

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

LEXICON = lexicon(
    "pt",
    spaced=True,
    markers=(
        "o a os as do da dos das um uma para com não que em no na é você seu sua e de ao num por "
        "tua teu meu minha nosso nossa se tu pra pro isso esse essa aqui já também eu ele ela "
        "vc pelo pela pelos pelas tudo"
    ),
    fold_accents=True,
    # "apaga-a", and in Brazil the pronoun after the verb: "apaga ela", "desliga eles"
    enclitic=r"\w*(?:-(?:l[oa]s?|[oa]s?)|\s+el[ea]s?)(?!\w)",
    noun_form=r"(?:cao|ção|ções|coes|dor|dores|mento|mentos)$",
    # at a clause start, an imperative: "Passe a senha" (passar), "Liquida o banco",
    # "Translada a tabela" (-idar, -adar verbs), not the participle or imperfect subjunctive
    imperative_form=r"(?:asse|assem|ada|ida)$",
    past_form=(
        r"(?:ou|aram|ado|ada|ados|adas|ido|(?<!conv)ida|(?<!conv)idos|idas|ava|avam|eu|eram|iu|asse|assem|"
        r"ássemos|êssemos|íssemos|esse)$"
    ),
    entries={
        "destroy": (
            # coverage audit (issue 19)
            "destroi",  # "destrói": the stem changes
            # um contrato de hospedagem cancelado leva as máquinas ("cancele os servidores
            # dedicados"); não "cancele a reunião"
            r"cancel(?:a|e|em|ar|ando)(?=\s+(?:\S+\s+){0,5}?(?:servidor|inst[aâ]ncia|maquina|m[aá]quina|"
            r"cluster|banco\s+de\s+dados|vps)\w*)",
            f"deton(?:a|e|ar|em){_W}",  # "detona o cluster"
            "expurg",
            "apag",
            "exclu",
            "elimin",
            "delet",
            "remov",
            "remoç",  # the noun, asked for: "solicita-se a remoção do banco"
            "destru",
            "esvazi",
            f"limp(?:a|e|ar|as|es|am|em|ando){_W}",
            "purg",
            "descart",
            f"drop(?:e|a|ar|em){_W}",  # "dropa a tabela"
            f"zer(?:a|e|ar|as|es|am|em|ando){_W}",  # "zera a tabela": empty it
            f"trunc(?:a|e|ar|as|es|am|em|ando){_W}",  # "trunca a tabela"
            r"format\w*\s+(?:\S+\s+){0,3}?(?:discos?|volumes?|partiç|particoes|particao)",  # wipes
            "encerr",  # "encerra o projeto de produção": shut down for good
            "derrub",  # "derruba o cluster": take it down
            f"mat(?:a|e|ar|es|em|ando){_W}",  # "mata o cluster de produção"
            r"acab(?:a|e|ar)\s+com" + _W,  # "acaba com os backups antigos"
            r"(?:som(?:e|a)|sumir)\s+com" + _W,  # "some com os snapshots"
            r"d(?:á|a|ar|ê|e)\s+fim\s+(?:n|a|e|d)\w*",  # "dá fim no banco antigo"
            # a light verb and the tool's own word: "dá um drop na tabela", "faz um truncate"
            r"(?:um|uma)\s+(?:drop|truncate|wipe|purge)(?![\w-])",
            r"livr(?:a|e|ar)(?:-(?:te|se)|\s+(?:te|se))?\s+d(?:e|o|a|os|as)" + _W,  # livra-te dos
            r"jog(?:a|ue|ar)(?:\s+\S+){0,4}?\s+fora" + _W,  # "joga fora os snapshots"
        ),
        "reset": (
            "reconstroi",  # coverage audit: "reconstrói"
            "recri",
            "reconstru",
            "reinicializ",
            "redefin",
            "reset",
            "sobrescrev",
        ),
        "disable": (
            # coverage audit (issue 19)
            r"tir(?:a|e|ar|em)\s+(?:\S+\s+){0,4}?do\s+ar" + _W,  # "tira o site do ar"
            r"cort(?:a|e|ar|em)(?=\s+(?:o|a|os|as|todo|todos|todas)\s)",  # not "o corte"
            # "criar uma janela de manutenção em todos os serviços": nada alerta enquanto durar
            r"janelas?\s+de\s+manuten[çc](?:[ãa]o|[õo]es)",
            # a requirement relaxed
            "afroux",
            "flexibiliz",
            r"(?:coloc|pass|mud|deix|p[oô]r|p[oô]e)\w*\s+(?:\S+\s+){0,6}?(?:para|em|no)\s+(?:o\s+)?modo\s+(?:contagem|count|detec[cç][aã]o|auditoria)",
            # a control set to its off value ("coloque o WAF em modo desativado")
            r"(?:colo[cq]|pass|mud|deix|p[oô]r|p[oô]e|configur)\w*\s+(?:\S+\s+){0,8}?(?:para|em|no|como)\s+(?:o\s+)?"
            r"(?:modo\s+|estado\s+)?[\"“'‘]?(?:desativad[oa]|inativ[oa]|desligad[oa]|desabilitad[oa]|off)(?!\w)",
            "desativ",
            r"(?:reduz|diminu|encurt|baix)\w*\s+(?:\S+\s+){0,3}?reten",  # "reduz a retenção"
            "desabilit",
            # "tira o MFA": remove a control (not "tira um backup", which takes one)
            r"tir(?:a|e|ar)\s+(?:o|a|os|as)\s+(?=mfa|2fa|autenticaç|proteç|bloqueio|criptograf|auditoria)",
            "deslig",
            "silenci",
            f"paus(?:a|e|ar|as|es|am|em|ando){_W}",
            "suspend",
            f"par(?:e|ar|em|ando){_W}",
            "interromp",
            "desinstal",
            f"mut(?:e|ar|em|ando){_W}",
        ),
        "bypass": (
            r"pass(?:a|e|ar)\s+por\s+cima" + _W,  # coverage audit
            "contorn",
            f"ignor(?:a|e|ar|as|es|am|em|ando){_W}",
            f"pul(?:a|e|ar|as|es|am|em|ando){_W}",
            "burl",
            "bypass",
            "dribl",
            r"(?:merge|mescl|fund|deploy|empurr|faz\w*\s+(?:o\s+)?merge)\w*\s+(?:\S+\s+){0,3}?sem"
            + _W,
        ),
        "grant": (
            r"transf(?:ere|ira|erir|ira)\w*(?=\s+(?:\S+\s+){0,4}?(?:propriedade|titularidade))",
            rf"p(?:oe|onha|or)\s+(?:\S+\s+){{0,5}}?como{_W}",  # coverage audit: "põe como admin"
            "acrescent",
            f"torn(?:e|a|ar){_W}",
            # "faz o terceirizado owner": made into a role (not "faz login como admin")
            r"(?:faz|faça|faca|fazer)(?:-o|-a)?\s+(?!login|logon|log\s)(?:\S+\s+){0,4}?"
            r"(?=owner|admin|dono|propriet|superusu)",
            rf"coloc(?:a|e|ar|ando)\s+(?:\S+\s+){{1,5}}?como{_W}",  # "set X as owner"
            rf"(?<![^\W\d_]\s)(?:dê|dá){_W}",  # "de"/"da" after a word: a preposition
            f"(?:dar|conceda|conceder){_W}",
            # "garante que o fornecedor tenha acesso de administrador"
            r"tenh(?:a|am)(?=\s+(?:\S+\s+){0,2}?(?:permiss|acesso|papel|direitos|privil))",
            f"liber(?:a|e|ar|as|es|am|em|ando){_W}",  # "libera acesso de admin pro estagiário"
            f"coloc(?:a|e|ar|as|am|ando)(?:-o|-a)?{_W}",  # "coloca o estagiário no sudoers"
            "conced",
            "atribu",
            "promov",
            "adicion",
            "outorg",
        ),
        "share": (
            # o acesso anônimo ou público de um console ativado
            r"(?:ativ|habilit|permit|lig)\w*(?=\s+(?:\S+\s+){0,3}?(?:acesso|links?)\s+(?:anônim|anónim|públic))",
            # um lugar privado transformado em público ("transforma o canal privado em público")
            r"(?:transform|convert)\w*\s+(?:\S+\s+){0,8}?em\s+(?:um\s+|uma\s+)?(?:canal\s+|espaço\s+|grupo\s+)?públic",
            "publiqu",  # coverage audit: "publique"
            f"divulg(?:a|ue|uem|ar|am){_W}",
            r"(?:coloc|bot|p[oô]|põe)\w*\s+(?:\S+\s+){0,4}?em\s+c[oó]pia",
            "compartilh",
            "partilh",
            "convid",
            "adicion",
            r"public(?!os?\b|as\b)",  # publique; "público(s)", "públicas" are adjectives
            r"torn(?:e|a|ar)\s+(?:\w+\s+){0,8}?(?:públic|visível|acessível)",
            # a setting switched to public ("mudar o repositório … para público")
            r"(?:mud|pass|alter|coloc)(?:e|a|ar)\s+(?:\S+\s+){0,12}?para\s+(?:o\s+modo\s+)?públic",
            r"ativ(?:e|a|ar)\s+(?:\w+\s+){0,3}públic",
            # a quoted title may sit between ("deixar o dashboard "Clientes – Receita" com
            # acesso público")
            r"deix(?:e|a|ar)\s+(?:\S+\s+){0,12}?(?:com\s+acesso\s+)?(?:públic|visível|acessível)",
            r"deix(?:e|a|ar)(?=\s+(?:\S+\s+){0,6}?(?:«|\")?qualquer\s+pessoa)",
            # "muda o acesso geral para «Qualquer pessoa com o link»": who may open it
            r"(?:mud|alter|troc)\w*\s+(?:\S+\s+){0,3}?(?:acesso|permiss\w+|visibilidade)",
        ),
        "move": (
            # salvo num lugar pessoal ("salva o arquivo no teu Google Drive pessoal")
            r"(?:salv|guard)(?:a|e|ar)\s+(?:\S+\s+){0,8}?(?:no|na|em|nos|nas)"
            r"(?=[^.;,\n]{0,30}?\b(?:pessoal|privad[oa]|particular)\b)",
            "repass",  # coverage audit: "repassa a planilha"
            # fixado num canal ("fixe no #suporte a senha"): um valor deixado onde todos o leem;
            # não "fixe o preço"
            r"fix(?:e|a|ar|em|ando)\s+(?:\S+\s+){0,8}?(?:no|na|em|ao)\s+(?:nosso\s+|nossa\s+)?"
            r"(?:#|canal|chat|grupo|conversa|thread)",
            # importado num sítio ("importa a base toda no Notion pessoal dele")
            r"import\w*\s+(?:\S+\s+){0,8}?(?:no|na|num|numa|em|para)(?!\w)",
            # attached to a post or a mail: it goes where they go
            "anex",
            f"envi(?:a|e|ar|as|es|am|em|ando){_W}",
            "mand",
            f"col(?:e|a|ar|es|em|ando){_W}",
            f"carreg(?:ue|a|ar|as|am|ues|uem|ando){_W}",
            r"fa(?:ça|zer)\s+(?:o\s+)?upload",
            "upload",
            r"copi(?!as?\s+de\s+seguran|as(?!\w))",  # "las copias": a noun
            "transfir",
            "transfer",
            "encaminh",
            f"pass(?:a|e|ar|es|em|ando){_W}",  # "passa a senha pro fornecedor"
            f"jog(?:a|ue|ar|ues|uem|ando){_W}",  # "joga a planilha no ChatGPT"
            f"post(?:e|a|ar|em|ando){_W}",
            f"(?:sub(?:a|ir)|sob(?:e|em)){_W}",  # "sobe a planilha no ChatGPT"
            f"coloc(?:a|e|ar|que){_W}",
        ),
        "open": (
            # "crie uma regra de firewall na porta 3389 com origem 0.0.0.0/0" (não de bloqueio)
            r"(?:cri|adicion|acrescent)\w*\s+(?:(?!bloque|neg)\S+\s+){0,3}?regras?" + _W,
            r"(?:faz|fa[cç]a|fazer|configur\w*|cri[ae]r?|ativ\w*)\s+(?:o\s+|um\s+)?(?:redirecionamento|encaminhamento|mapeamento)\s+d[ae]s?\s+portas?",
            "redirecion",
            f"plug(?:a|ue|ar|ando){_W}",  # plug in a device
            f"conect(?:a|e|ar|es|em|ando){_W}",
            f"espet(?:a|e|ar){_W}",
            f"abr(?:a|e|ir|as|es|am|em|indo){_W}",
            "habilit",
            r"ativ(?:e|a|ar)\s+(?:o\s+conteúdo|as\s+macros)",
            "execut",
            f"rod(?:a|e|ar|es|em|ando){_W}",  # "roda o script"
            "instal",
            f"liber(?:a|e|ar|as|es|am|em|ando){_W}",  # libera a porta 22 para a internet
            f"cli(?:ca|que|car){_W}",  # "clica no link do e-mail suspeito"
            f"exp(?:oe|or|onha|onham){_W}",  # "expõe a porta na internet"
            r"deix(?:a|e|ar)\s+(?:\S+\s+){0,6}?abert[oa]s?" + _W,  # "deixa a porta aberta"
            f"permit(?:e|a|ir|am){_W}",  # "permitir 0.0.0.0/0 na porta 5432"
        ),
        "data": (
            # internal pricing: confidential business data
            r"(?:preços|tarifas|margens|custos)\s+internos",
            r"crm(?!\w)",
            r"(?:banco|base)s?\s+de\s+dados",
            r"(?:banco|base)s?\s+(?:de\s+|da\s+)?(?:prod|produção|producao|clientes|pedidos)(?!\w)",
            "esquema",
            r"livro\s+razão",
            r"conjunto\s+de\s+dados",
            "bucket",
            f"dados{_W}",
            "registros",
            "repositório",
            "histórico",
            f"tabelas{_W}",
        ),
        "data_weak": (
            # the records a business console holds (CRM, suporte, recrutamento)
            r"conversas(?!\w)",
            r"conta(?:c)?tos(?!\w)",
            r"tickets(?!\w)",
            r"chamados(?!\w)",
            r"registros(?!\w)",
            r"candidat(?:o|a|ura)s(?!\w)",
            r"perfis(?!\w)",
            r"oportunidades(?!\w)",
            r"leads(?!\w)",
            # a workspace or an IaC stack holds data and systems
            r"espaços?\s+de\s+trabalho",
            f"stacks?{_W}",
            r"máquinas?\s+virtua",
            r"vms?(?!\w)",
            r"discos?(?!\w)",  # VMs and their disks
            "gravaç",
            "apresentaç",
            "caderno",
            "notebook",
            r"atas?(?!\w)",
            f"tabela{_W}",
            "painel",
            "dashboard",
            "arquivo",
            "ficheiro",
            f"pasta{_W}",
            "branch",
            "documento",
            "planilha",
            f"lista{_W}",
            "relatório",
            "servidor",
            "instância",
            "serviço",
            "ambiente",
            "projeto",
            "volume",
            "canal",
            "csv",
            "excel",  # a spreadsheet by its program ("un Excel con todos los clientes")
            "xlsx",
            "transcri",
        ),
        "system": (
            "cluster",
            "infraestrutura",
            r"balanceador(?:es)?\s+de\s+carga",  # the edge of a service
            r"load\s+balancer",
            r"vpcs?(?!\w)",
            r"zonas?\s+dns",
            "namespace",
            "organização",
            "assinatura",
            "kubernetes",
        ),
        "backup": (
            r"históricos?\s+de\s+versões",
            r"versões\s+anteriores",
            r"controle\s+de\s+versões",
            r"pontos?\s+de\s+restaura[çc][ãa]o",  # coverage audit
            "lixeira",
            r"pontos?\s+de\s+recuperação",
            "backup",
            r"cópias?\s+de\s+segurança",
            "snapshot",
            "cofre",
            r"recuperação\s+(?:point-in-time|pontual|a\s+um\s+ponto)",
            "point-in-time",
            "pitr",
            "réplica",
            "retenção",
            "versionamento",
        ),
        "control": (
            # o que segura um pagamento sem conferência: antifraude e uma segunda pessoa
            r"(?:detec[çc][ãa]o|preven[çc][ãa]o|regras?|filtros?|controles?)\s+(?:de\s+|contra\s+)?fraudes?",
            "antifraude",
            r"dupla\s+(?:aprova[çc][ãa]o|assinatura|valida[çc][ãa]o|autoriza[çc][ãa]o|checagem)",
            r"segund[oa]\s+(?:aprovador|aprova[çc][ãa]o|assinatura|assinante|validador)",
            r"quatro\s+olhos",
            *CONTROL_PRODUCTS,
            r"guard\s*duty",
            r"security\s*hub",
            r"safe\s+(?:links|attachments)",
            r"siem(?!\w)",
            r"(?:microsoft\s+)?sentinel\s+(?:analytics|rules?|connectors?|workspace)",
            r"acesso\s+condicional",
            r"(?:entradas?|logins?|acessos?)\s+(?:de|com)\s+risco",
            r"detecção\s+de\s+(?:riscos?|ameaças|intrusões|anomalias)",
            "defender",
            r"(?:política\s+de\s+)?bloqueio\s+de\s+(?:dispositivos|usb|pendrive)",
            "dlp",
            r"prevenção\s+de\s+perda",
            "edr",
            "sensor",
            f"mfa{_W}",
            f"2fa{_W}",
            r"autenticação\s+(?:de\s+dois\s+fatores|multifator|em\s+duas\s+etapas)",
            r"dois\s+fatores",
            "auditoria",
            "firewall",
            "antivírus",
            "criptografia",
            "proteção",
            # not the team things go to or that reviews them ("manda para a segurança", "a equipe
            # de segurança")
            r"(?<!\bà\s)(?<!para\sa\s)(?<!revise\s)(?<!equipe\sde\s)(?<!time\sde\s)(?<!área\sde\s)"
            r"segurança",
            f"sso{_W}",
        ),
        "gate": (
            *GATE_SETTINGS,
            r"exige\s+(?:um\s+)?pull\s+request",
            r"antes\s+do\s+merge",
            r"verificaç(?:ões|ão)\s+obrigatórias?",
            "revisão",
            "aprovação",
            "codeowners",
        ),
        "secret": (
            r"chave(?!\s+pública)",
            r"códigos?\s+de\s+recuperação",
            "senha",
            "segredo",
            "token",
            "credencia",
            # a public certificate is no secret; "erros de certificado" is an error
            r"(?<!erros de )(?<!erro de )certificado(?!s?\s+públic)",
            r"(?<![\w.])\.env(?!\w)",
            # a whole environment printed ("printenv no pod … e cola tudo"): every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            *SECRET_FILES,
        ),
        "pii": (
            # what is sent carries personal fields ("a base com nomes, telemóveis e valores")
            r"com\s+(?:os\s+|todos\s+os\s+)?(?:nomes|telemóveis|telemoveis|telefones|celulares|"
            r"moradas|endereços|currículos|cpfs?|datas\s+de\s+nascimento)(?!\w)",
            # a whole set of people's records ("a base completa de leads", "a lista de todos os
            # alunos", "todos os candidatos"): personal data in bulk
            r"(?:lista|listagem|base|ficheiro|exportação|extração|todos\s+os|todas\s+as)\s+"
            r"(?:\S+\s+){0,3}?(?:de\s+|dos\s+|das\s+)?(?:candidatos|pacientes|alunos|estudantes|sócios|"
            r"membros|assinantes|subscritores|doadores|leads|contactos|contatos|associados|"
            r"voluntários)(?!\w)",
            # a personal field beside others ("nomes, telemóveis e valores", "currículos e moradas")
            r"(?:nomes|telemóveis|telemoveis|celulares|currículos|moradas|e-?mails)\s*(?:,\s*(?:e\s+)?|e\s+)"
            r"(?:nomes|telemóveis|telemoveis|celulares|currículos|moradas|e-?mails|telefones)(?!\w)",
            # two personal fields listed together: records of people ("correos y teléfonos")
            r"(?:nomes|e-?mails|telefones|endereços|cpfs?|datas\s+de\s+nascimento|ibans?|cartões|históricos?\s+de\s+compras?)"
            r"\s*(?:,\s*(?:e\s+)?|e\s+)(?:nomes|e-?mails|telefones|endereços|cpfs?|datas\s+de\s+nascimento|ibans?|cartões|históricos?\s+de\s+compras?)(?!\w)",
            "holerite",  # payslips (pt-BR)
            "contracheque",
            r"folhas?\s+de\s+pagamento",
            r"folhas?\s+de\s+pagamento",
            # the team that acts, approves or receives, not what is sent ("ask Legal to
            # send", "approved by HR", "Julien (RH) le dépose")
            r"(?<!pelo )(?<!pela )(?<!ao )(?<!\()(?<!com o )jurídic",
            "diretoria",
            "paciente",
            f"clientes{_W}",
            r"dados\s+pessoais",
            "salári",
            r"folha\s+de\s+pagamento",
            "funcionários",
            "médic",
            "prontuário",
            "passaporte",
            r"cart(?:ão|ões)\s+de\s+crédito",
            f"cpf{_W}",
            "endereços",
            "contratos",
            "faturas",
            "confidencia",
        ),
        "people": (
            # uma população inteira ("todos os clientes", "cada associado", "todas as conversas")
            r"(?:tod(?:os|as)\s+(?:os|as|nossos|nossas|seus|suas)|cada)\s+(?:[\w-]+\s+)?"
            r"(?:clientes?|usuári|utilizador|contatos?|contactos?|assinantes?|associad|membros?|"
            r"funcionári|colaborador|pacientes?|candidat|leads?|tickets?|chamados?|conversas?)",
            # a base, a tabela, o cadastro de pessoas ("a base inteira de clientes", "o relatório
            # completo de funcionários", "a tabela de usuários")
            r"(?:base|tabela|lista|listagem|cadastro|planilha|relatório|carteira)s?\s+(?:complet[oa]\s+|"
            r"inteir[oa]\s+|integral\s+)?(?:de\s+|dos\s+|das\s+|de\s+todos\s+os\s+)?(?:clientes|"
            r"usuários|utilizadores|associados|funcionários|colaboradores|pacientes|contatos|"
            r"contactos|assinantes|membros|candidatos|users|customers)(?!\w)",
        ),
        "governed": (
            r"(?:carreg|import|ingir|integr)\w*[\w-]*\s+(?:[\w-]+\s+){0,3}?(?:n|para\s+)o\s+nosso\s+"
            r"(?:[\w-]+\s+)?(?:data\s*warehouse|armazém\s+de\s+dados|data\s*lake|lago\s+de\s+dados)",
        ),
        "admin": (
            f"owners?{_W}",
            # not one project's or channel's admin ("administrador do projeto")
            f"administrador(?:es|a)?{_W}"
            r"(?!\s+(?:do|da|de\s+um|de\s+uma)\s+(?:projeto|canal|grupo|espaço|aplicativo|app)\b)",
            # a whole shop or account owned ("transfere a propriedade da loja")
            r"(?:propriedade|titularidade)\s+(?:da\s+|do\s+|de\s+nossa\s+|de\s+nosso\s+)(?:\S+\s+)?"
            r"(?:loja|conta|espaço\s+de\s+trabalho|organização|instância|site|domínio|workspace|tenant)",
            f"(?<!google )admins?{_W}",
            r"superadmin\w*",
            "proprietário",
            f"dono{_W}",
            "superusuário",
            r"acesso\s+total",
            r"todas\s+as\s+permissões",
            r"(?:modificar|visualizar|ver)\s+todos\s+os\s+dados",  # Salesforce, in Portuguese
            *ADMIN_ROLES,
        ),
        "untrusted": (
            # de onde a própria mensagem diz que o código vem: ninguém responde por ele
            r"(?:site|servi[çc]o|p[aá]gina)\s+de\s+(?:compartilhamento|hospedagem)\s+de\s+arquivos",
            r"(?:reenvi|re-?upload|republic)\w*",
            r"(?:postad|compartilhad|enviad|postou|compartilhou)\w*\s+(?:\S+\s+){0,3}?(?:num|em\s+um|no)\s+(?:servidor|grupo|canal)\s+(?:do\s+)?(?:discord|telegram)",
            r"publicad[oa]s?\s+(?:ontem|hoje|h[áa]\s+(?:poucas|duas|tr[eê]s|\d+)\s+(?:horas|dias))",
            r"(?:conta|perfil)\s+(?:nov[oa]|rec[eé]m-?criad[oa]|an[ôo]nim[oa]|sem\s+hist[óo]rico)",
            r"(?:perfil|conta|usu[aá]rio)\s+an[ôo]nim[oa]",
            r"sem\s+(?:o\s+)?c[óo]digo[- ]fonte",
            r"(?:n[ãa]o\s+assinad|sem\s+assinatura)\w*",
            r"(?:nota|pedido|mensagem)\s+de\s+resgate",
            r"(?<![\d,.])\d{1,2}\s+downloads",
            "estacionamento",
            r"(?:usb|pendrive|pen\s+drive)\s+(?:\S+\s+){0,3}?(?:achad|achast|encontr)\w*",
            "fórum",
            # alguém desconhecido na internet ("um usuário postou no Stack Overflow")
            r"(?:algu[eé]m|um\s+usu[aá]rio|um\s+cara|uma\s+pessoa)\s+(?:\S+\s+){0,4}?(?:postou|"
            r"compartilhou|mandou|recomendou|sugeriu)" + _W,
            r"stack\s*overflow",
            "reddit",
            # uma extensão carregada fora da loja ("modo de desenvolvedor", "sem compactação")
            r"modo\s+(?:de\s+|do\s+)?desenvolvedor",
            r"sem\s+compacta[çc][ãa]o",
            r"we\s*transfer",
            r"(?<![\w.])apk(?!\w)",
            "suposto",
            r"dizendo\s+ser",
            r"diz\s+ser",
            r"\.(?:vsix|apk|msi|dmg|crx|jar)" + _W,
            "anydesk",
            "teamviewer",
            "macro",
            r"habilitar\s+(?:o\s+)?conteúdo",
            "desconhecid",
            "estranho",
            "phishing",
            "suspeit",
            r"não\s+verificad",
            r"\.(?:exe|scr|iso|lnk|xlsm|docm)" + _W,
            # cracked, pirated or unofficial software
            r"crack(?:ead)?\w*",
            "keygen",
            r"pirat(?:a|ead)\w*",
            r"não\s+oficial",
        ),
        "prod": ("produção", "producao", f"prod{_W}"),
        "bulk": (
            "complet",
            "integral",
            f"tod(?:o|a|os|as){_W}",
            f"tudo{_W}",
            "inteir",
            f"cada{_W}",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"todo\s+o\s+tr[aá]fego\s+(?:de\s+entrada|entrante)" + NO_SOURCE,
            r"todas\s+as\s+conex[õo]es\s+de\s+entrada" + NO_SOURCE,
            # the company's own site, not a vendor's ("no site oficial da Epson")
            r"(?:no|pro|para\s+o|no\s+nosso|pro\s+nosso|para\s+o\s+nosso)\s+site"
            r"(?!\s+(?:intern|oficial|d[oae]s?\s))",
            r"página\s+(?:web|pública)",
            # the company blog and press releases are public
            r"blog(?!\s+interno)",
            r"comunicados?\s+de\s+imprensa",
            # a port forwarded on a router or NAT: reachable from the internet
            r"(?:redirecionamento|encaminhamento|mapeamento)\s+d[ae]s?\s+portas?",
            r"(?:redirecion|encaminh)\w*\s+(?:a|as)\s+portas?",
            r"port\s*forwarding",
            r"regras?\s+(?:de\s+)?nat",
            r"(?:a|para)\s+o\s+mundo\s+inteiro",
            r"0\.0\.0\.0/0",
            r"::/0",
            # not a document public by its kind ("a documentação pública")
            r"(?<!certificado )(?<!chave )(?<!documentação )(?<!documentacao )"
            r"públic",
            # put into the public documentation: a place anyone reads
            r"(?:na|para\s+a|em)\s+(?:nossa\s+)?documenta[çc][ãa]o\s+p[úu]blica",
            "internet",
            r"sem\s+(?:conta|login|autenticação|fazer\s+login)",  # opened with no sign-in
            r"qualquer\s+pessoa",
            r"qualquer\s+(?:ip|endere[cç]o|origem|lugar|rede)\w*",  # "pra qualquer IP"
            *SOCIAL_SITES,
        ),
        "everyone": (
            r"(?:a\s+)?empresa\s+(?:inteira|toda)",
            r"todos\s+(?:da|na)\s+empresa",
            r"todo\s+o\s+pessoal",
            r"todo\s+(?:o\s+)?mundo",
            r"toda\s+a\s+empresa",
            r"todos\s+os\s+funcionários",
            *WIDE_CHANNELS,
        ),
        "external": (
            # an outsider's whole domain
            r"dom[ií]nio\s+(?:deles|delas|d[ao]s?\s+(?:agência|fornecedor|parceir|cliente|consultoria)\w*)",
            # a distributor or reseller: another company
            r"distribuidor(?:es|a|as)?(?!\w)",
            r"revendedor(?:es)?(?!\w)",
            # someone the writer knows outside the company, and their firm
            r"(?:um|uma|meu|minha|teu|tua|seu|sua)\s+(?:\w+\s+)?(?:amig[oa]|conhecid[oa]|prim[oa]|cunhad[oa]|ex-colega)(?!\w)",
            r"(?:de\s+)?(?:um|uma)\s+amig[oa]\s+meu",
            r"startups?(?!\w)",
            "consultoria",
            r"escritório\s+de\s+(?:advocacia|contabilidade)",
            r"escritório\s+(?:de\s+advocacia\s+)?extern",
            r"auditor",
            r"data\s*room",
            r"seu\s+(?:google\s+drive|dropbox|onedrive)\s+pessoal",
            "fornecedor",
            "prestador",
            "contratad",
            "terceiriz",
            "agência",
            "consultor",
            "parceiro",
            "extern",
            "terceir",
            "freelancer",
            "estranho",
            "desconhecid",
        ),
        "personal": (
            # one's own computer: the data leaves the systems that guard it
            # where a copy goes, not where it already is ("no seu notebook", "en tu portátil")
            r"(?<!no\s)(?<!do\s)(?<!em\s)(?:seu|teu|meu)\s+(?:próprio\s+|proprio\s+)?(?:computador|notebook|laptop|pc)(?!\w)"
            r"(?!\s+(?:da\s+empresa|de\s+empresa|corporativ\w*|de\s+trabalho|do\s+trabalho))",
            "wetransfer",  # a public file drop
            "yahoo",
            "icloud",
            r"(?<!o )pessoal",  # "o pessoal da agência": the people, not a personal account
            "particular",
            r"em\s+casa",
            "gmail",
            "hotmail",
            r"pen\s*drive",
            f"usb{_W}",
            "dropbox",
        ),
        "ai": (
            r"(?:site|serviço|ferramenta)\s+(?:\w+\s+){0,2}?(?:online|on-line|gratuit)",
            *AI_SITES,
            *AI_TOOLS,
            f"ia{_W}",
            "chatgpt",
            r"inteligência\s+artificial",
            r"(?:tradutor|ferramenta)\s+(?:online|on-line)",
            # a tool named by what it does ("um conversor de PDF online")
            r"(?:conversor|compressor|editor|validador)\s+(?:\S+\s+){0,4}?(?:online|on-line)",
            "deepl",
        ),
        "messaging": (
            r"por\s+telefone",
            "whatsapp",
            f"zap{_W}",
            "telegram",
            f"signal{_W}",
            f"sms{_W}",
            "messenger",
        ),
        "workspace": (
            r"(?:aos|nos|à\s+lista\s+de)\s+domínios\s+(?:aprovados|permitidos|autorizados|confiáveis)",
            r"como\s+convidad[oa]s?",
            r"espaço\s+de\s+trabalho",
            # not the company's own tenant ("o workspace do Google", "nosso workspace")
            r"(?<!google\s)(?<!nosso\s)workspace(?!\s+(?:do|de)\s+google)",
            r"slack\s+connect",
            r"canal\s+compartilhado",
        ),
        "temporal": (
            r"ao",
            r"(?:quando|assim\s+que|logo\s+que)\s+(?:você\s+|se\s+)?(?:o|a|os|as)\s",
        ),
        "declined": (
            r"(?:eu\s+)?(?:acho|creio|diria)\s+que\s+não",
            r"(?:melhor|claro\s+que)\s+não",
            r"não(?=\s*[.!,:;—–-])",
        ),
        "warning": (
            # a rule about the act, not a request: "apagar o banco exige aprovação"
            r"(?:exige|requer|precisa\s+de|depende\s+de)\s+(?:\w+\s+)?(?:aprovação|autorização)",
            r"(?:sujeit|submetid)\w*\s+(?:a|à)\s+(?:aprovação|autorização)",
        ),
        "nonprod": (
            r"c[oó]pias?\s+(?:[\w-]+\s+){0,2}?de\s+(?:desenvolvimento|dev|testes?|qa|demo)(?!\w)",
            r"(?:ambiente|cluster|servidor|instância|contêiner|container|banco|base|projeto|bucket|tabela|esquema|"
            r"conta|pasta)s?\s+"
            r"(?:[\w-]+\s+){0,2}?de\s+(?:desenvolvimento|dev|testes?|qa|demo|homologa[çc][ãa]o)(?!\w)",
            # "tudo em homologação"
            r"(?:em|na)\s+(?:homologa[çc][ãa]o|desenvolvimento|staging|qa)(?!\w)",
        ),
        "neg_before": (
            "não",
            "ninguém",  # "que ninguém desative o MFA"
            "ninguem",
            "nao",
            "nunca",
            "jamais",
            r"em\s+vez\s+de",
            r"ao\s+invés\s+de",
            r"sem(?!\s+(?:dúvida|duvida|falta|demora|problema|mais|esperar)\b)",
            r"evit(?:e|a|ar)",
        ),
        "purpose_neg": (
            r"para\s+(?:que\s+)?n[ãa]o\s+(?:(?:ter|termos|tenha|tenhamos)\s+que\s+|(?:se|nos|lhe|o|a)\s+)?"
            r"[\w-]+",
        ),
        "topic": (
            r"(?:sobre|quanto\s+(?:a|ao|à)|a\s+respeito\s+d|em\s+rela[çc][ãa]o\s+(?:a|ao|à)|"
            r"referente\s+(?:a|ao|à))",
        ),
        "affirm": (
            r"não\s+(?:se\s+)?esqueça",
            r"não\s+hesite",
            r"não\s+espere",
            # uma sugestão em pergunta negativa: "não seria mais fácil …?", "por que não …?"
            r"n[ãa]o\s+(?:seria|é|e)\s+(?:muito\s+)?(?:mais|melhor)\s*(?:fácil|facil|simples|rápido|"
            r"rapido|prático|pratico)?",
            r"por\s*que\s+n[ãa]o",
        ),
        "hypothetical": (
            "hipoteticamente",
            r"o\s+que\s+aconteceria",
            r"e\s+se",
            "imagine",
            "suponha",
            r"por\s+exemplo",
        ),
        "conditional": ("se",),
        "report": (
            r"(?<!de\s)ontem",  # "yesterday's commit" reports nothing
            r"(?<!da\s)semana\s+passada",
            r"mês\s+passado",
            r"há\s+(?:\w+\s+)?(?:horas|dias|semanas|meses|anos)",
            r"causa\s+raiz",
            "postmortem",
            "incidente",
            "queda",
            r"por\s+engano",
            "acidentalmente",
            r"sem\s+querer",
        ),
        "local": (
            # the reader's own laptop (European Portuguese "portátil")
            r"port[aá]til",
            r"(?:teu|seu)\s+computador",
            r"local(?:mente|is)?",
            "localhost",
            "notebook",
            "laptop",
            r"sua\s+máquina",
            r"(?:sua|seu|tua|teu)\s+(?:própri[oa]\s+)?branch",  # the reader's own branch
            r"branch\s+de\s+(?:feature|funcionalidade)",
            "sandbox",
            r"docker\s+compose",
        ),
        "exception": (
            r"exce(?:ção|ções)",
            r"isenç(?:ão|ões)",
        ),
        "export": (
            # coverage audit (issue 19)
            f"extrai(?:a|am)?{_W}",
            "descarreg",  # European Portuguese download
            r"pux(?:a|e|ar)\s+(?:\S+\s+){0,3}?(?:base|banco|tabela|dados|planilha)",
            # the verb, not the noun after an article ("o repositório com o export da base")
            r"(?<!\so\s)(?<!\sum\s)(?<!\sdo\s)(?<!\sno\s)(?<!\scom\s)export",
            f"baix(?:a|e|ar|as|es|am|em|ando){_W}",
            r"tir(?:a|e|ar)\s+(?:um|uma|o)\s+(?:dump|export|extra|cópia|copia)",  # "tira um dump"
            f"extra(?:ia|ir|ie){_W}",
            # uma exportação periódica configurada ("agende uma exportação diária para o SFTP")
            r"(?:agend|program|configur|cri|automatiz)\w*\s+(?:um|uma|o|a)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:exporta[cç][aã]o|extra[cç][aã]o|dump|export)",
            # um relatório gerado sobre pessoas ("gere o relatório completo de funcionários")
            r"ger(?:e|a|ar|em|ando)\s+(?:o|um)\s+(?:relatório|relatorio|extrato)",
        ),
        "alerting": (
            *PAGERS,
            "alerta",
            "alarme",
            "monitoramento",
        ),
        "network": (
            f"portas?{_W}",
            f"ssh{_W}",
            f"rdp{_W}",
            r"regras?\s+de\s+firewall",
            r"grupos?\s+de\s+segurança",
            *PORT_SPECS,
        ),
        "channel": (
            r"canal(?!\s+compartilhado)",
            r"(?:no|pelo|via|por|para\s+o)\s+(?:slack|teams|discord|mattermost|google\s+chat)(?![\w-]|\.\w)(?!\s+(?:admin|sso|workspace|apps?|connect|groups?|settings|api|bot|tokens?|webhooks?|integrations?|accounts?|enterprise|grid|console|users?|org|guests?)\b)",
            "canais",
            r"(?<![\w#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
            # not a cloud firewall or resource group
            r"grupo(?!s?\s+de\s+(?:segurança|seguranca|recursos))",
            r"(?:no|na|nos|em|ao)\s+(?:[\w-]+\s+){0,2}?(?:tickets?|chamados?|jira|zendesk|"
            r"servicenow)(?![\w-])",
        ),
        "withheld": (
            r"exclu(?:ir|indo|ído)\b",
            r"sem\s+(?:o\s+|os\s+|as\s+|nenhum\s+)?(?:ambiente|tokens?|segredos?|chaves?|senhas?|tfstate|\.env)",
            r"deixar\s+de\s+fora|deixe\s+de\s+fora",
            r"valores\s+fictícios",
        ),
        "sanctioned": (
            r"(?:ferramenta|serviço|modelo|gateway)\s+(?:\w+\s+)?intern[oa]",
            r"aprovad[oa]s?\s+pel[oa]\s+(?:ti|segurança)",
        ),
        "own_space": (
            # a personal branch
            r"(?:tua|sua|minha)\s+(?:pr[oó]pria\s+)?(?:branch|ramo)\s+(?:de\s+)?"
            r"(?:feature|funcionalidade|pessoal)",
            # not a personal device or account ("seu notebook pessoal", "teu e-mail pessoal")
            r"(?:seu|sua|teu|tua)\s+(?:próprio\s+|própria\s+)?"
            r"(?:(?!" + PERSONAL_DEVICES + r")[\w-]+\s+){0,2}?(?:pessoal|de\s+testes?|sandbox)",
            r"(?:stack|cluster|namespace|ambiente|sandbox)\s+pessoal",
        ),
        "fields": (
            r"nomes",
            r"e-?mails",
            r"endereços",
            r"endereço",
            r"telefones?",
            r"cpfs?",
            r"rgs?",
            r"datas?\s+de\s+nascimento",
            r"salários",
            r"cartões",
        ),
        "inside": (
            r"intern[oa]s?",
            r"confidenci\w+",
            r"brut[oa]s?",
            r"margens?",
            "margem",
            r"custos?",
            r"(?:por|de\s+cada)\s+cliente",
            "faturamento",
            "receita",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"\(\s*(?:mas\s+)?n[ãa]o\s+(?:o\s+|a\s+|os\s+|as\s+|seu\s+|sua\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?\s*\)",
            # masked before it goes: "substitui a senha da string de conexão por ****"
            r"(?:substitu\w*|troc\w*)\s+(?:a\s+|o\s+|os\s+|as\s+)?[\w-]+"
            r"(?:\s+[\w-]+){0,6}?\s+por\s+\W{0,2}(?:\*{2,}|x{3,}|<|\[)",
            r"(?:ocult\w*|mascar\w*|tarj\w*|anonimiz\w*)\s+(?:a\s+|o\s+|os\s+|as\s+)?[\w-]+"
            r"(?:(?:\s+(?:e|ou)\s+|\s+)(?:a\s+|o\s+|os\s+|as\s+)?[\w-]+){0,4}",
            r"(?:sem(?!\s+(?:dúvida|duvida|falta|demora|problema|mais|esperar)\b)|exceto|tirando)\s+(?:nenhum\w*\s+|qualquer\s+|os\s+|as\s+|o\s+|a\s+)?"
            r"[\w-]+(?:(?:\s+(?:nem|e|ou)\s+|\s+)(?:os\s+|as\s+|o\s+|a\s+)?[\w-]+){0,4}",
        ),
        "pressed": (
            r"(?:clica|clique|clicar|aperta|aperte|escolhe|escolha|seleciona|selecione)"
            r"(?:\s+(?:em|no|na))?(?:\s+(?:o\s+)?botão)?",
        ),
        "owned": (r"noss[oa]\s+(?:\w+\s+)?(?:intern[oa]|própri[oa])",),
        "route": (
            r"portal\s+(?:seguro\s+)?(?:de\s+)?(?:parceiros|fornecedores|clientes)\s+(?:habitual|que\s+já\s+usamos|existente)",
        ),
        # opens a relative clause about the object: a report word after it dates the object
        # the post or article itself, or its readers: a publication named before
        # conteúdo feito para ser público: slides de palestra, kit de imprensa, logos, vagas,
        # tutoriais, trechos de código, dados sintéticos
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            "servidor(?:es)?",
            "instâncias?",
            "instancias?",
            "vms?",
            r"máquinas?\s+virtuais",
            "pods?",
            "nós",
            "contêiner(?:es)?",
            "containers?",
        ),
        # a question about who may act, asked of the reader ("verifique quem pode apagar …")
        "addressee": (
            r"(?:pe[çc]a|pede|pergunte|solicite|fale\s+com|fala\s+com|contate|chame)\s+(?:ao|à|a|o|seu|sua|teu|tua|um|uma|nosso)\s+(?:(?!como\s|de\s)[\w-]+\s+){0,3}?$",
        ),
        "holders": (
            r"(?:verifi|confir|list|vej|descubr|cheq|consult|me\s+diga|diga-me|olh)\w*\s+"
            r"(?:[^\s.;:!?]+\s+){0,4}?(?:quem\s+|quais\s+(?:[\w-]+\s+){0,2}?|que\s+(?:[\w-]+\s+){1,2}?)"
            r"(?:pode(?:m)?|t[eê]m\s+permiss[aã]o\s+para|est(?:á|a|ão|ao)\s+autorizad\w*\s+a)\s+"
            r"(?:ainda\s+)?$",
        ),
        "taken_up": (
            r"(?:(?:então|sim,?)\s+)*(?:fa[cç]a|faz|fa[cç]am)\s+(?:isso|isto)(?:\s+(?:agora|j[aá]))?(?=\s*(?:[.!;,]|$))",
            r"pode\s+fazer(?=\s*(?:[.!;,]|$))",
        ),
        "public_content": (
            r"(?:slides|apresentação)\s+(?:\S+\s+){0,3}?(?:palestra|conferência|webinar|webinário|meetup)",
            r"kit\s+de\s+imprensa",
            r"logos?",
            r"descrições\s+das\s+vagas",
            r"(?:anúncios|descrições)\s+de\s+vagas",
            r"tutoriais",
            r"tutorial",
            r"trechos?\s+de\s+código",
            r"exemplos?\s+de\s+código",
            r"dados\s+sintéticos",
            "(?:folhetos?|brochuras?)",
            r"perguntas\s+frequentes",
            r"notas\s+de\s+(?:versão|lançamento)",
            r"(?:manual|guia)\s+do\s+usuário",
            r"documentação\s+(?:pública|da\s+api|do\s+produto)",
            r"página\s+de\s+status",
            r"lista\s+de\s+preços\s+pública",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"(?:já\s+)?(?:fiz|fizemos|tirei|tiramos|gerei|criei)\s+(?:o|um|a|uma)\s+(?:backup|cópia(?:\s+de\s+segurança)?|dump|snapshot)",
            r"(?:o\s+backup|a\s+cópia(?:\s+de\s+segurança)?)\s+(?:já\s+)?(?:está|foi)\s+(?:feit[oa]|pront[oa]|concluíd[oa])",
        ),
        "publication": (
            r"(?:o|ao|no|esse|este|nesse|neste)\s+(?:post|artigo|an[uú]ncio)",
            "leitores",
            r"para\s+download",
        ),
        "relative": (r"(?:que|quem)",),
        "few": (
            r"(?:dois|duas|três|quatro|cinco|[2-9])\s+(?:\w+\s+)?(?:pdfs?|arquivos|documentos|contratos|faturas|pedidos|relatórios)",
            # a counted handful of records: what a deletion takes is those, not a store
            r"(?<![\d,.])(?:dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|[1-9]\d?)\s+(?:registros|linhas|contatos|entradas|tickets)(?:\s+de\s+teste)?(?!\w)",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"(?:s[oó]|apenas|somente)\s+(?:a\s+|o\s+|as\s+)?(?:estrutura|esquema|defini[cç][oõ]es(?:\s+das\s+tabelas)?|ddl)",
            r"sem\s+(?:nenhum\s+|os\s+)?(?:dados|linhas|registros)",
            # a template: variable names and placeholders, no values
            r"(?:espaços?\s+reservados?|valores\s+de\s+exemplo|placeholders?)",
            r"só\s+(?:os\s+)?nomes\s+(?:das\s+)?variáveis",
            *TEMPLATE_FILES,
            # made-up records stand in for real ones
            r"inventad[oa]s?",
            r"fictíci\w*",
            r"sintétic\w*",
            r"falsos|falsas",
            # already public: nothing more is exposed
            r"já\s+(?:é|são|está|estão)\s+públic\w*",
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"já\s+(?:aprovad|validad|revisad)\w*",
            r"aprovad\w*\s+pel[oa]\s+(?:jurídico|comunicação|marketing|rh)",
            r"número\s+de(?!\s+(?:telefone|cartão|conta|documento|identidade))",
            r"total(?:is)?\s+(?:de|por)",
            r"(?:s[oó]|apenas|somente)\s+(?:os\s+)?totais",
            r"(?:o|os)\s+tota(?:l|is)(?!\s+de\b)",  # "manda o total": a number
            r"quant[oa]s",  # a number, not the records
            r"sint[eé]tic\w*",
            r"fict[ií]ci\w*",
            r"sem\s+(?:nenhum\s+|qualquer\s+)?dados?(?!\s+pessoa)",
            r"s[óo]\s+(?:com\s+)?(?:os\s+nomes\s+d)?(?:as\s+)?colunas",
            r"já\s+(?:publicad\w*|está\s+no\s+site)",
            r"anonimizad\w*",
            r"agregad\w*",
            r"em\s+branco",  # a blank template holds nothing
            r"contage(?:m|ns)",  # a count, not the records
            "amostra",
            r"mascarad\w*",
            r"sem\s+(?:nenhum\s+|qualquer\s+|os\s+)?(?:e-?mails|nomes|dados?\s+pesso(?:al|ais))",
            # example or test keys stand in for real ones
            r"(?:chaves?|valores|credenciais)\s+de\s+(?:exemplo|teste)",
        ),
        "dedicated": (
            "dedicad[oa]",
            "nov[oa]",
            "separad[oa]",
        ),
        "recipient": (
            "lhes",
            # "no e-mail deles": the place of the people named before
            r"(?:e-?mail|pasta|drive|caixa|servidor|portal|bucket|sftp)\s+del(?:es|as|e|a)",
            "eles",
            "elas",
            r"\w+-lhes",
        ),
        "rewrite": ("reescrev",),
        "ref": (
            r"(?:branch|ramo)\s+(?:\S+\s+)?develop",
            r"(?:branch|ramo)\s+(?:\S+\s+)?(?:main|master|principal|release|remota|compartilhada|partilhada"
            r"|de\s+release|de\s+produção|protegida)",
            r"(?:tags?|etiquetas?)\s+de\s+(?:release|versão|lançamento)",
            r"release/[\w.\-]+",
        ),
        "service": (f"serviços?{_W}", f"api{_W}", "aplicação"),
        "shared": (
            # empurrado para a branch compartilhada ("force-push na main")
            r"(?:para\s+a|na|pra)\s+(?:branch\s+)?(?:main|master|trunk)",
            # protection taken off a branch: it is a shared one
            r"(?:tir|remov|desativ|desabilit)\w*\s+(?:\S+\s+){0,2}?prote[cç][aã]o",
            r"desproteg\w*",
            r"remot\w*",
            r"compartilhad\w*",
            r"partilhad\w*",
            r"origin\w*",
            r"upstream\w*",
            r"protegid\w*",
        ),
        "brief": (
            r"durante\s+(?:uma|um|duas|dois|três|\d+)\s+(?:horas?|minutos?)",
            r"durante\s+(?:o|a)\s+(?:deploy|manutenção|migração)",
            r"(?:janela|durante)\s+(?:\S+\s+){0,4}?(?:uma|um|duas|\d+)\s+horas?",
        ),
        "hold": (r"legal\s+hold", r"retenção\s+legal", r"preservação\s+legal"),
        "public_part": (
            r"chaves?\s+públicas?",
            r"public\s+key",
            r"(?:a\s+)?parte\s+pública",
            r"certificados?\s+públicos?",
        ),
        "metadata": (
            r"(?:o|a|os|as|s[oó]\s+(?:o|a)|apenas\s+(?:o|a))\s+(?:[\w-]+\s+){0,2}?(?:caminho|nome|nomes|r[oó]tulo|arn|t[ií]tulo)(?:\s+(?:no\s+)?(?:vault|1password|keeper|bitwarden))?(?!\w)",
            r"(?:(?:ao|à|aos|a)\s+[\w-]+\s+)?(?:a|as|o|os|s[oó]\s+a|s[oó]\s+o|apenas\s+a|"
            r"apenas\s+o)\s+(?:[\w-]+\s+){0,2}?(?:datas?|vers[aã]o|vers[oõ]es|"
            r"n[uú]meros?\s+de\s+vers[aã]o|validade|expira[cç][aã]o|impress[aã]o\s+digital)(?!\w)",
        ),
        "pointer": (
            r"(?:link|endereço)\s+(?:para|do|da|ao|à)\s+(?:o\s+|a\s+)?(?:guia|formulário|procedimento|wiki|página|portal|solicitação|pedido)",
        ),
        # quem escreve pede licença para agir ("posso apagar …?")
        "permission": (
            "posso",
            r"poderia\s+eu",
            r"devo",
            r"tudo\s+bem\s+se\s+eu",
            r"(?:est[aá]|fica)\s+(?:ok|bem)\s+se\s+eu",
            r"(?:me\s+)?(?:deixa|permite)s?\s+(?:eu|que\s+eu)",
        ),
        "request": (
            "podes",
            r"pode\s+(?:você|voce)",
            r"você\s+pode",
            "poderia",
            "consegues",
            r"por\s+favor",
        ),
        "lasting": (
            r"(?:duas|três|quatro|várias|\d+)\s+(?:semanas|meses)",
            r"até\s+(?:o|a|ao)\s+(?:próximo|próxima|fim|final)",
            r"durante\s+(?:\w+\s+)?(?:semanas|meses|anos)",
            "permanentemente",
            "indefinidamente",
        ),
        "reported": (
            r"(?:pediram|pediu|pedir|pedirem|mandaram|mandar|disseram|falaram)\s+(?:pra|para)",
            r"quer\s+que",
        ),
        "history": (
            *FORCE_PUSH,
            r"um\s+force[\s-]?push",  # "dá um force push na main"
            r"(?:sob|sub|empurr|mand|push)\w*\s+(?:\S+\s+){0,8}?com\s+(?:--force|-f)(?![\w-])",
            r"force-?push\w*",
            r"reescrev\w*\s+(?:o\s+)?histórico",
            r"(?:faz|faça|fazer|dá|da|dar|dê|de)\s+(?:um\s+)?push\s+(?:\S+\s+){0,2}?forçado",
            r"forç\w*\s+o\s+push",
            r"push\s+(?:\S+\s+){0,2}?na\s+força",
        ),
        "proposal": (
            r"(?:mostra|explica|ensina)\s+como",
            # whether to do it is still to be decided ("discuss whether to make it public")
            r"se\s+(?:vale\s+a\s+pena|devemos|deveríamos|podemos|convém)\s",
        ),
        "email": (
            r"e-?mail",
            "correio",
        ),
        "access_part": (
            r"(?:as|os|a|o|suas?)\s+contas?\s+(?:de\s+)?(?:convidad[oa]s?|extern[oa]s?)(?!\w)",
            r"(?:o|os|a|as|seu|seus|sua|suas|todos\s+os|todas\s+as)\s+(?:pap[eé]is|papel|fun[çc][ãa]o|"
            r"direitos?|acessos?|permiss[ãa]o|permiss[õo]es|privil[eé]gios?|links?\s+de\s+"
            r"compartilhamento|convites?)(?!\w)",
        ),
        "output": (
            r"(?:vari[aá]veis\s+de\s+)?ambiente(?!\w)",
            r"-(?:lo|la|los|las)(?!\w)",
            r"tudo(?!\w)",
            r"(?:sa[ií]da|resultados?|valor|valores|conte[uú]do)(?!\w)",
            r"o\s+que\s+(?:sair|aparecer|imprimir|retornar|der|mostrar)",
        ),
        "determiner": (
            r"(?:s[oó]\s+|apenas\s+|somente\s+)?(?:o|a|os|as|um|uma|seu|sua|seus|suas|teu|tua|teus|tuas|esse|essa|este|esta)(?=\s)",
        ),
        "pronoun": (
            "eles",
            "elas",
            "ele",
            "ela",
            "lo",
            "la",
            "los",
            "las",
            "o",
            "a",
            "os",
            "as",
            "isso",
            "isto",
            "tudo",  # "apaga tudo": everything named before
        ),
        "inbound": (r"(?:nos|me)",),
        "state": (
            r"(?:fique|fiquem|ficar|fica|ficam|esteja|estejam|seja|sejam|deixa|deixe|deixar)"
            r"(?:-(?:l?[oa]s?))?",
        ),
        "nominal": (
            r"(?:solicit|ped|peç|providenci|proced|realiz|efetu|favor)[\w-]*"  # "solicita-se a"
            r"\s+(?:\w+\s+){0,2}?(?:(?:com|a)\s+)?(?:a|o|uma|um|à|ao)",
        ),
        # "gostaria que o senhor desativasse …": the imperfect subjunctive asks
        "wish": (
            r"(?:gostaria|queria|preferia|agradeceria|seria\s+(?:bom|ótimo|otimo|melhor|ideal))"
            r"\s+que",
            # a recommendation, not a report: "o mais rápido é pedir para um admin desligar"
            r"(?:mais\s+(?:r[aá]pido|f[aá]cil|simples|seguro)|melhor)\s+(?:é|e|seria)\s+pedir",
        ),
        # what a code change does, reviewed in it: "abra um PR que remove o uso antigo"
        "described": (
            r"(?:pr|pull\s+request|merge\s+request|mr|patch)\s+que(?:\s+(?:o|a|os|as))?",
        ),
        "contracted": (
            r"pasta\s+(?:do\s+[\w-]+\s+)?que\s+(?:já\s+)?(?:temos|compartilhamos|usamos)\s+com\s+(?:o|a|seu|sua)\s+(?:escritório|agência|auditor\w*|contador\w*)",
            r"(?:conforme|como\s+diz)\s+o\s+contrato",
            r"canal\s+(?:acordado|combinado|do\s+contrato)",
        ),
        "vetted": (
            r"(?:dos|do|pelos|pelo)\s+(?:repositórios?|repos?|loja)\s+(?:oficiais|oficial|da\s+distribuição)",
        ),
        "contained": (
            r"(?:no|em)\s+modo\s+(?:de\s+exibição\s+)?protegido",
            r"(?:na|em)\s+(?:visualização|exibição)\s+protegida",
            r"(?:na|numa|em\s+uma)\s+sandbox",
            r"(?:no|com\s+o|num|em\s+um)\s+(?:bloco\s+de\s+notas|notepad|editor)",
            r"(?:só|somente|apenas)\s+para\s+(?:leitura|ler)",
        ),
        "limited": (
            r"(?:acesso|permiss(?:ão|ões))\s+de\s+leitura",
            r"somente\s+leitura",
            "leitor",
            r"temporári\w*",
        ),
        "link": (
            r"(?:acesso|links?)\s+(?:anônim|anónim|públic)\w*",
            r"qualquer\s+pessoa\s+(?:\w+\s+){0,2}?com\s+o\s+link",
        ),
        # a quoted setting changed from: "de «Cualquier persona con el enlace» a …"
        "withdrawn": (
            r"de\s+[«\"“]\s*$",
            r"regras?\s+de\s+(?:bloqueio|negação|negacao)\s+(?:\S+\s+){0,6}?$",
        ),
        "source": (
            r"(?:da\s+parte\s+d[eoa]s?|enviad\w*\s+(?:por|pel[oa]s?)|recebid\w*\s+d[eoa]s?)\s+"
            r"(?:(?:o|a|os|as|um|uma|este|esta|esse|essa|nosso|nossa)\s+)?(?:\w+\s+){0,2}$",
        ),
        # a question left to be settled later, up to its question word
        "deliberate": (
            r"(?:veremos|decidiremos|combinaremos|vamos\s+(?:ver|decidir|combinar))\s+[^.;:!?\n]{0,60}?como",
        ),
        # a file that itself asks for the act, up to where the act is named
        "prompted": (
            r"(?:arquivo|documento|anexo|planilha|pdf|instalador)(?!\w)(?:[^.;:!?\n]|\.(?=\S)){0,80}?"
            r"(?:pede|solicita|exige)\s+(?:para\s+|que\s+)?$",
        ),
    },
    examples={
        "vetted": ("dos repositórios oficiais",),
        "contracted": ("a pasta do Box que temos com o escritório", "conforme o contrato"),
        "governed": ("carrega no nosso data warehouse",),
        "people": (
            "a base inteira de clientes",
            "todos os clientes",
            "o relatório completo de funcionários",
        ),
        "contained": (
            "no modo protegido",
            "na visualização protegida",
            "no bloco de notas",
            "só para leitura",
        ),
        "temporal": ("ao ",),
        "declined": ("acho que não", "melhor não", "não:"),
        "pressed": ("clica em Excluir",),
        "fields": ("com cpf e endereço", "telefones"),
        "inside": ("a planilha interna", "margens por produto"),
        "prompted": ("a planilha do fornecedor pede para ",),
        "deliberate": ("depois vamos ver com a equipe como",),
        "source": ("o e-mail enviado pelo ", "um arquivo recebido do "),
        "workload": ("todas as instâncias", "os servidores"),
        "addressee": ("peça ao ", "fale com o seu "),
        "holders": ("verifique quem pode ",),
        "excluded": ("(não o .env)",),
        "public": ("todo o tráfego de entrada",),
        "taken_up": ("; faça isso.", ", pode fazer."),
        "public_content": (
            "as descrições das vagas",
            "o kit de imprensa",
            "o folheto",
            "as notas de versão",
        ),
        "safeguard": (
            "fiz o backup",
            "o backup já está feito",
        ),
        "publication": ("anexa ao post",),
        "destroy": ("apague os backups", "exclua o banco"),
        "disable": ("desative a autenticação", "silencie todos os alertas"),
        "move": ("envie a chave", "cole a lista"),
        "backup": ("os backups semanais",),
        "neg_before": ("nunca apague",),
    },
)
