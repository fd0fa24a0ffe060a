"""Chinese. No spaces: entries match over character spans (删除, 删掉, 禁用, 关闭);
了/过 after the verb narrate (删除了); 不要/别/切勿 before it negate. Latin words
are matched as whole words."""

from bot.risk.prose.lexicon import (
    ADMIN_ROLES,
    AI_SITES,
    AI_TOOLS,
    CONTROL_PRODUCTS,
    DATA_STORES,
    FORCE_PUSH,
    GATE_SETTINGS,
    PAGERS,
    PORT_SPECS,
    SECRET_FILES,
    SOCIAL_SITES,
    TEMPLATE_FILES,
    WIDE_CHANNELS,
    lexicon,
)


def _latin(word: str) -> str:
    return rf"(?<![a-z]){word}(?![a-z])"


LEXICON = lexicon(
    "zh",
    spaced=False,
    # "删了就行": done and that is all it takes, a command
    past_after=r"^(?:了|过|掉了|光了)(?!吧|就行|就好|就可以|即可)",
    entries={
        "destroy": (
            # coverage audit (issue 19)
            "扔掉",
            "抹除",
            "砍掉",
            "弄掉",
            r"下线(?!了|过)",  # 把旧集群下线
            # a console closes an account or a subscription, and what it holds goes
            "注销",
            "退订",
            "格式化",  # a disk: 把磁盘格式化
            r"清(?=了|一下)",  # 把旧快照全清了, 把表清一下
            "释放",
            "删(?:除|掉|光|库)?",
            "清空",
            "清除",
            "销毁",
            "移除",
            "去掉",
            "抹掉",
            "丢弃",
            "干掉",
            "清理掉",
            "清掉",
            "清光",
            _latin("(?:drop|truncate|delete|rm|purge)") + r"\s*(?:掉|一下)",  # 把订单表 drop 掉
        ),
        "reset": (
            "重建",
            "重新创建",
            "重新建",
            "从头(?:开始)?",
            "重置",
            "初始化",
            "覆盖",
            "推倒重来",
        ),
        "disable": (
            "拿掉",  # coverage audit
            # 「给所有服务设置维护窗口」: 期间没有任何告警
            "维护窗口",
            r"(?:改成|改为|切换成|切换到|设为|设成|调成)\S{0,4}(?:计数|检测|仅记录)模式",
            "下掉",  # 把审计功能下掉: take it off
            r"(?:保留|保存)(?:期|时间|天数)\S{0,10}?(?:缩短|减少|改短|调短)",  # retention cut
            "关闭",
            "关掉",
            "禁用",
            "停用",
            "停掉",
            "停止",
            "静音",
            "屏蔽",
            "暂停",
            "卸载",
            "取消",
            "关了",
            r"关(?=一下|下|掉|上|着)",  # 先关一下, 先关着
            r"停(?=了|一下|掉)",  # 把审计日志停了吧; 把自动备份停了 (coverage audit)
        ),
        "bypass": (
            "绕过",
            "跳过",
            "绕开",
            "规避",
            "忽略",
            "强制合并",
            r"不(?:用|经过?|走)\S{0,2}?(?:审批|评审|审核|审查|review)",  # 不用审批，直接合并
        ),
        "grant": (
            r"授权(?!码)",  # 给第三方应用授权全部通讯录的读写权限
            "转让",
            r"转(?:交|移)给",
            "提权",  # coverage audit
            r"(?:开(?:通)?|给)(?=[^，。；\n]{0,16}?(?:权限|账号|帐号))",  # 给他开一个……管理员权限
            "设成",
            "改成",
            "提为",
            "授予",
            "赋予",
            "给予",
            "开通",
            "提升",
            "分配",
            "加为",
            "加成",  # 把外包同事加成项目的 Owner
            r"(?:拿到|获得|得到)(?=[^，。；\n]{0,16}?(?:权限|账号|帐号))",  # 确保外包拿到……权限
            "设为",
            # 加到 Domain Admins 组里
            r"加(?:到|入|进)(?=[^，。；\n]{0,24}?(?:admin|管理员|超管|所有者|owner))",
            "设置为",
            "设置成",
        ),
        "share": (
            r"(?:开启|打开|启用|允许)(?=[^，。；\n]{0,6}?(?:匿名访问|公开链接|公开访问))",
            "抄送",
            "分享",
            "开放给",  # 把看板开放给所有外网用户
            r"共享(?!频道|文件夹|盘|空间)",  # 共享频道: a shared place named, not a verb
            r"(?<!阻止)(?<!禁止)(?<!屏蔽)公开",
            "邀请",
            "拉(?:进|入)",
            "加入",
            "添加",
            r"加(?:到|进)",  # 把代理公司的域名加到白名单域名里
            # 改成公共读, 设置成“任何人……可查看”: a setting made public
            r"(?:改|设|设置)(?:成|为)(?=[“\"「]?(?:公共|公开|所有人|任何人))",
        ),
        "move": (
            # saved into a personal place (保存到个人网盘), not the vault
            r"(?:保存|另存)(?:到|至|进|在)(?=[^，。；\n]{0,6}?(?:个人|私人|自己的|家里))",
            # coverage audit (issue 19)
            r"告诉(?=[^，。；\n]{0,12}?(?:给|外包|供应商|客户|对方|他们|他|她))",
            r"发(?=微信|短信|邮件|钉钉|企业微信|飞书|qq)",  # 发微信给供应商
            "甩给",
            r"置顶(?=在|到|于|至)",  # 把密码置顶在群里: pinned where everyone in the group reads it
            "发给",
            r"(?:同步|备份|存|放|丢|扔)(?:到|至|进)",  # 同步到个人网盘, 放到群里
            "发送",
            "发到",
            "传给",
            r"上传(?!的)",  # not "客户上传的照片": photos customers uploaded
            "粘贴",
            "贴到",
            "复制",
            "转发",
            "拷贝",
            r"拷(?=到|进|去|给)",  # 拷到移动硬盘上
            "发布",
            "传到",
            r"存(?=在)",  # 存在U盘里 (存到 is above)
        ),
        "open": (
            "放通",  # coverage audit
            # 添加一条入站规则 / 给安全组加一条规则：3306 端口，源地址 0.0.0.0/0 (不是拒绝规则)
            r"(?:添加|新增|增加|创建|新建|加)[^，。,；;]{0,8}?(?<!拒绝)(?<!阻止)规则",
            r"插(?:到|上|进|入)",  # plug in a device
            "映射到",
            r"装(?=一下|个|到|在|上|好)",  # 装一下那个插件, 装到手机上
            r"跑(?=一下|一遍|个)",  # 跑一下那个脚本
            "放开",
            "暴露",  # 把端口暴露到公网上
            "开放",
            "放行",
            "允许",  # 加一条规则，允许 0.0.0.0/0 访问 3306 端口: let in, an opening
            "扫码",
            "装上",
            "打开",
            "启用",
            "运行",
            "执行",
            r"安装(?!包|程序|文件|指南|说明)",  # 安装包: the package, a noun
            "双击",
            "点开",
        ),
        "data": (
            # internal pricing: confidential business data
            r"内部(?:价格|报价|成本|定价)",
            _latin(DATA_STORES.removesuffix("(?![a-z])")),
            r"(?<![a-z])crm(?![a-z])",
            "远端",
            "远程分支",
            "数据库",
            r"(?:生产|线上|正式|业务|订单|用户|客户|主)库",  # 生产库: the production database
            "表结构",
            "账本",
            "台账",
            "数据集",
            "数据(?!库)",
            "存储桶",
            "bucket",
            "记录",
            "仓库",
            "历史",
        ),
        "data_weak": (
            # the records a business console holds (CRM, support, recruiting)
            "联系人",
            "工单",
            "会话",
            "候选人",
            "商机",
            # a workspace holds projects and files
            "工作区",
            "工作空间",
            "虚拟机",
            r"(?<![a-z])vms?(?![a-z])",
            "磁盘",
            "云盘",
            "节点",  # VMs and their disks
            "录音",
            "录像",
            "会议纪要",
            "纪要",
            "笔记本",
            "幻灯片",
            "演示文稿",
            "看板",
            "仪表盘",
            "后台",
            "数据表",
            "表格",
            "文件",
            "分支",
            "文档",
            "名单",
            "列表",
            "报表",
            "报告",
            "服务器",
            "实例",
            "服务",
            "环境",
            "项目",
            "数据卷",
            "频道",
            "日志",
            "结果",  # 把全量结果发给对方: a query's result set
        ),
        "system": (
            "集群",
            "基础设施",
            "负载均衡",
            "vpc",
            r"dns\s*区域",
            "命名空间",
            "租户",
            "组织",
            "订阅",
            "kubernetes",
        ),
        "backup": (
            "历史版本",
            "版本历史",
            "版本记录",
            "还原点",  # coverage audit
            "恢复点",
            "回收站",
            "恢复点",
            "备份",
            "快照",
            "保险库",
            "时间点恢复",
            _latin("pitr"),
            "副本",
            "保留期",
            "版本控制",
            "容灾",
        ),
        "control": (
            # 让付款不经核查就出去的开关: 风控、反欺诈和第二个人的审批
            "风控",
            "反欺诈",
            "欺诈检测",
            "防欺诈",
            "3d安全验证",
            "双人审批",
            "双重审批",
            "二次审批",
            "双人复核",
            *CONTROL_PRODUCTS,
            _latin(r"guard\s*duty"),
            _latin(r"security\s*hub"),
            _latin("siem"),
            "条件访问",
            "条件式访问",
            "登录风险",
            "风险检测",
            "威胁检测",
            "入侵检测",
            "白名单",
            "u盘管控",
            "设备管控",
            _latin("dlp"),  # not inside a name ("Pipedrive")
            _latin("edr"),
            "探针",
            _latin("mfa"),
            _latin("2fa"),
            "双因素",
            "两步验证",
            "多因素",
            "二次验证",
            "认证",
            "审计",
            "防火墙",
            "杀毒",
            "加密",
            "保护",
            "安全(?!组)",  # not the cloud firewall "安全组" (a network object of its own)
            _latin("sso"),
        ),
        "gate": (
            *GATE_SETTINGS,
            "合并前",
            r"才(?:能|可以)合并",
            r"必需(?:的)?(?:状态)?检查",
            "必须通过",
            "评审",
            "审查",
            "审核",
            "审批",
            "codeowners",
        ),
        "secret": (
            "密钥",
            "秘钥",
            "私钥",
            "密码",
            "口令",
            "令牌",
            "token",
            "凭证",
            "凭据",
            "证书",
            # a whole environment printed, or an env file: every secret in it
            # (not cut down to names or masked: "printenv | sed 's/=.*/=***/'"; not one
            # variable at the command's end: "printenv LOG_LEVEL")
            r"printenv(?!\s*\|\s*(?:cut|wc|sed\s+['\"]?s[/|#]=|awk\s+-f\s*['\"]?=))"
            r"(?!\s+[a-z_][a-z0-9_]*\s*(?:$|[|;&)`'\"\n]))",
            r"\.env(?![\w.])",
            r"(?<![a-z])(?:ak\s*/\s*sk|access\s*key|secret\s*key)(?![a-z])",  # 把AK/SK发到群里
            *SECRET_FILES,
        ),
        "pii": (
            r"用户(?:表|数据|信息|名单)",  # coverage audit: the users' records
            # a whole set of people's records ("全部会员", "所有候选人的简历", "学生名单")
            r"(?:全部|所有|全体)(?:的)?(?:会员|候选人|应聘者|求职者|病人|学生|订阅用户|捐赠人|线索)",
            r"(?:会员|候选人|应聘者|患者|学生|订阅用户|捐赠人)(?:名单|名册|列表|数据库)",
            "董事会",
            "法务",
            "患者",
            "病人",
            "客户",
            "个人信息",
            "隐私",
            "工资",
            "薪资",
            # the staff's records, not any word about staff ("员工的年假政策")
            r"员工的?(?:名单|信息|资料|数据|档案|工资|薪资|薪水|身份证|手机|电话|住址|花名册|表|绩效|考核)",
            "病历",
            "医疗",
            "身份证",
            "护照",
            "银行卡",
            "信用卡",
            "手机号",
            r"(?<![白黑])名单",  # a list of names, not an allowlist
            "电话号码",
            "住址",
            "合同",
            "发票",
            "机密",
        ),
        "people": (
            # the whole population ("所有客户", "全部用户", "每个会员", "全量用户")
            r"(?:所有|全部|全体|全量|整个|每个|每位|全)(?:的)?(?:客户|用户|会员|员工|患者|病人|联系人|"
            r"订阅者|候选人|学员|工单|对话|买家)",
            # a table or list of people ("会员表", "用户表", "客户名单", "users表")
            r"(?:客户|用户|会员|员工|患者|联系人|学员)(?:表|库|数据库|信息表|明细)",
            r"(?:users|customers|members|employees|contacts|patients)\s*表",
        ),
        "governed": (
            r"(?:导入|加载|同步|接入)(?:到|进)?(?:公司|我们|内部)的?(?:数据仓库|数仓|数据湖)",
        ),
        "admin": (
            # every record's read-write or admin rights ("全部通讯录和全部消息的读写权限")
            r"全部[^，。；\n]{0,20}?(?:读写|编辑|管理|访问)权限",
            r"所有[^，。；\n]{0,20}?(?:读写|编辑|管理|访问)权限",
            # not an admin role scoped to one area (应用管理员, 项目管理员, 群管理员, 子管理员)
            r"管理员(?<!应用管理员)(?<!项目管理员)(?<!频道管理员)(?<!群管理员)(?<!子管理员)(?<!部门管理员)",
            # a whole shop, account or organisation owned (店铺的所有权), not a leaver's files
            r"(?:店铺|网店|账号|帐号|组织|企业|工作区|团队|租户)的?所有权",
            "所有者",
            _latin("owner"),
            "root权限",
            "最高权限",
            "全部权限",
            "完全访问",
            "超级用户",
            "超管",
            r"(?:修改|查看)所有数据",  # Salesforce "Modify All Data", in Chinese
            *ADMIN_ROLES,
        ),
        "untrusted": (
            # 消息自己说来源无人负责的代码
            "网盘",
            "文件分享网站",
            "重新上传",
            "别人上传",
            r"discord(?:服务器|群)里?\S{0,8}?(?:分享|发|上传)",
            r"(?:昨天|今天|几小时前|\d+天前)(?:才)?(?:发布|上传|注册)",
            r"(?:新注册|刚注册|匿名)的?(?:账号|账户|作者)",
            "没有源码",
            "无源码",
            "没有源代码",
            "未签名",
            "没有签名",
            "勒索信",
            "勒索",
            "捡到",
            "捡来",
            "停车场",
            "自称",
            "冒充",
            "论坛",
            # 网上或群里不认识的人分享的东西（群里有人分享、网友、来路不明）
            "群里有人",
            r"有人(?:分享|发|推荐)",
            "网友",
            "来路不明",
            r"crx|xpi|vsix",
            # 商店之外加载的扩展或应用（开发者模式、已解压的扩展、侧载）
            "开发者模式",
            "开发人员模式",
            "已解压",
            "侧载",
            "技术群",
            r"(?<![a-z])apk(?![a-z])",
            "不在应用商店",
            "开发者模式",
            "来路不明",
            "宏",
            "启用内容",
            "陌生",  # 陌生人, 陌生发件人, 陌生号码
            "不认识",
            "不明",
            "可疑",
            "钓鱼",
            "未知发件人",
            "未经验证",
            r"\.exe(?![a-z])",
            # cracked, pirated or unofficial software
            "破解",
            "盗版",
            "注册机",
            "非官方",
        ),
        "prod": ("生产", "线上", "正式环境", _latin("prod")),
        "bulk": (
            "完整",
            "全量",
            "全部",
            "所有",
            "整个",
            "每个",
            "一切",
        ),
        "public": (
            # every inbound connection allowed, from no named source: open to anyone
            r"(?<!的)所有(?:入站|入方向|进入的)(?:流量|连接|访问)",
            # the company's own site (not "任何网站", any site at all)
            "官网",
            r"(?:公司|我们的?|官方|对外)网站",
            r"(?<!内部)博客",
            # a port forwarded on a router: reachable from the internet
            "端口映射",
            "端口转发",
            r"0\.0\.0\.0/0",
            r"::/0",
            r"(?<!阻止)(?<!禁止)(?<!屏蔽)公开(?!价|信息|文档|的文档|文章|的文章|页面|的页面)",
            r"(?:到|进|在)公开(?:的)?文档",  # put into the public documentation
            "公网",
            "外网",  # 开放给所有外网用户
            "互联网",
            "任何人",
            r"公共读",
            r"(?:所有|任意|任何)\s*(?:ip|地址|来源)",  # 对所有 IP 开放
            *SOCIAL_SITES,
        ),
        "everyone": ("所有人", "全员", "全公司", "全体", "大群", *WIDE_CHANNELS),
        "external": (
            "经销商",
            "分销商",
            "渠道商",
            # someone the writer knows outside the company, and their firm
            r"(?:朋友|熟人|亲戚|前同事)(?:的|开的|那边)?",
            "咨询公司",
            "咨询机构",
            "律所",
            "律师事务所",
            "会计师事务所",
            r"审计(?:机构|公司|师)",
            "代理商",
            "代理公司",
            "外部(?!联系人)",  # not 外部联系人, a contact type in WeCom or Lark
            "外包",
            "供应商",
            "承包商",
            "合作方",
            "合作伙伴",
            "顾问",
            "第三方",
            "乙方",
            "广告公司",
            "对方",
            "公司外",
            "陌生人",
        ),
        "personal": (
            # one's own computer: the data leaves the systems that guard it
            r"(?<!在)(?:自己|你|我)的?(?:笔记本|电脑)",  # not "在自己的电脑上": where it is
            r"u\s*盘",
            "移动硬盘",
            "带回家",
            r"qq\s*邮箱",
            r"个人\s*\S{0,4}?(?:邮箱|账号|网盘|电脑|手机)",
            r"个人(?:邮箱|账号|网盘|电脑|手机)",
            "私人",
            r"自己的(?:邮箱|网盘|手机)",
            r"个人的?\s*(?:icloud|onedrive|dropbox|云盘|云空间)",
            "网盘",
            "u盘",
            "qq邮箱",
            "gmail",
        ),
        "ai": (
            r"(?:在线|免费)的?\S{0,8}?(?:网站|工具|平台|服务)",
            r"转写(?:网站|工具|服务)",
            *AI_SITES,
            *AI_TOOLS,
            _latin("ai"),
            "chatgpt",
            "大模型",
            "在线翻译",
            "翻译网站",
            "deepl",
            "文心一言",
            "豆包",
            _latin("kimi"),
        ),
        "messaging": (
            "微信",
            "whatsapp",
            "telegram",
            _latin("qq") + "(?!邮箱)",
            "短信",
            _latin("line"),
        ),
        "workspace": (
            # a console's list of domains whose people may join (加到允许的域名里)
            "允许的域名",
            "白名单域名",
            "域名白名单",
            "信任域名",
            "受信任的域名",
            "工作区",
            "工作空间",
            r"slack\s*connect",
            "共享频道",
            "访客",
        ),
        "along": (
            r"(?<=[\u4e00-\u9fff])一起(?:勾选|选中|勾上)(?=[删销清释])",
            "连同",
            "连带",
            "一并",
            r"(?<=[\u4e00-\u9fff])一起(?=[删销清])",
        ),
        "declined": (
            r"我?(?:觉得|认为)(?:不行|不要|不应该|不妥|不合适)",
            "不行",
            "当然不",
            r"最好(?:不要|别)",
        ),
        "warning": (r"(?:需要|须|必须|得)(?:经过|先)?(?:审批|批准|审核)", r"(?:审批|批准)后才能"),
        "nonprod": (r"(?:开发|测试|预发布?|验证|沙箱|演示)(?:用|环境)",),
        "neg_before": (
            r"没有?(?=[公分共发上导开对])",  # one character: the action's own start ends the search
            r"没(?:有)?必要",  # 没必要删除: no need to
            r"(?:没有?|不让|别让)(?:任何)?人",  # 确保没有人关闭MFA: nobody does it
            "不必",
            "不需要",
            "用不着",
            # an A-not-A question asks for the act (能不能停掉？要不要删？): no negation
            r"(?<![出外发删关开给传贴分装运执导禁停])不(?=出|外)",
            r"(?<![发删关开给传贴分装运执导禁停])不(?=[发删关开给传贴分装运执导禁停])",
            r"(?<!要)不要",
            r"别(?!人|的|处|家)",  # 别人: other people
            r"(?<!能)不能",
            r"(?<!可)不可以",
            "切勿",
            "勿",
            "禁止",
            "不得",
            "不用",
            "无需",
            "而不是",
            "不准",
        ),
        "topic": (r"关于",),
        "affirm": (
            "别忘了",
            "不要忘记",
            "记得",
            # 反问式建议: "直接删掉不是更简单吗", "为什么不直接……", "何不……"
            r"不是更(?:简单|方便|快|省事|好)",
            "为什么不",
            "何不",
        ),
        "hypothetical": (
            r"假设(?!是)",
            "假如",
            "假使",
            "万一",
            "会发生什么",
            "会怎么样",
            "会怎样",
            "例如",
            "比如",
        ),
        "conditional": ("如果", "要是"),
        "cause": ("所以", "因此", "于是"),
        "report": (
            r"昨天(?!的)",  # "yesterday's commit" reports nothing
            r"上周(?!的)",
            r"上个月(?!的)",
            "根因",
            # not 问一下原因 (ask why), nor a cause said to be unknown ("原因还不清楚")
            r"(?<![问查找])(?<!一下)原因(?!(?:还|暂时)?(?:不清楚|不明|不知道|没查到))",
            # not a document about it ("事故报告"), nor who it touched ("事故受影响用户")
            "事故(?!报告|说明|通报|公告|时间线|记录|受影响|影响的)",
            "故障(?!报告)",
            "复盘(?!报告|文档)",
            r"误(?:删|操作)",
            "不小心",
        ),
        "local": (
            "本地",
            "本机",
            r"临时(?:的)?\s*(?:测试|预览)?\s*(?:kubernetes\s*)?(?:集群|环境)",
            "临时环境",
            "笔记本",
            "自己的电脑",
            "沙箱",
            "localhost",
            "开发机",
        ),
        "exception": (
            "例外",
            "豁免",
        ),
        "export": (
            "拷出来",  # coverage audit
            "扒下来",
            "拖库",
            "导到",
            "导出",
            "下载",
            "拉取",
            "导成",
            # pulled or copied down onto a machine ("拉到自己的笔记本上", "拷到U盘")
            r"拉(?:到|回|下来)",
            r"拷(?:到|贝到)",
            # a recurring export set up ("设置每天定时导出", "配置一个定时同步到对方的 SFTP")
            r"(?:定时|定期|每天|每晚|每周|自动)(?:的)?(?:导出|推送|同步|传输)",
        ),
        "alerting": (
            *PAGERS,
            "通知",
            "告警",
            "报警",
            "警报",
            "监控",
        ),
        "network": (
            "端口",
            _latin("ssh"),
            _latin("rdp"),
            "防火墙规则",
            "安全组",
            *PORT_SPECS,
        ),
        "channel": (
            "群",
            r"(?:slack|teams|discord|钉钉|飞书|企业微信)(?:上|里|中|群)",
            "频道",
            r"(?<!提)(?<!开)(?<!提个)(?<!开个)(?<!提一个)工单",
            r"(?<![a-z0-9_#])#[a-z0-9][\w-]*",  # a channel, not "Northwind#88"
        ),
        "own_space": (r"个人的?(?:测试|开发|沙箱|验证)", r"(?:你|我)自己的(?:测试|开发|沙箱|验证)"),
        "fields": (
            "姓名",
            "手机号",
            "电话",
            "邮箱",
            "住址",
            "地址",
            "身份证",
            "出生日期",
            "工资",
            "薪资",
            "银行卡",
        ),
        "inside": (
            "内部",
            "机密",
            "保密",
            "原始数据",
            "利润率",
            "毛利",
            "成本",
            "进价",
            "各客户",
            "营收",
            "收入",
        ),
        "excluded": (
            # an aside that leaves a thing out: "paste the error (not the .env)"
            r"[（(]\s*(?:不是|不要|别|不含|不包括)[^（）()\n]{1,30}?[）)]",
            # masked before it goes: "先把里面的 Bearer 令牌和内部 IP 全部替换成 ***"
            r"把[^，。；！？,;]{1,30}?(?:替换|换|改)(?:成|为)\s*\W{0,2}(?:\*{2,}|x{3,}|<|占位符|星号)",
            r"把[^，。；！？,;]{1,30}?(?:打码|遮住|遮盖|隐去|抹掉)",
            r"不(?:要|用)?(?:带|含|包含|包括)[^，。；！？,;]{1,12}",
            # removed from a copy: "去掉密码之后的版本", not "全部删掉吧"
            r"(?:去掉|去除|删掉|隐去|抹掉|除去)[^，。；！？,;]{1,12}?(?:之后|以后|后)的?",
            # already taken out of it: "（已去除客户姓名和电话）", not "已删除" (deleted)
            r"(?:已经?|已)(?:去除|去掉|移除|隐去|抹掉)了?[^，。；！？,;）)]{1,12}",
        ),
        "owned": (
            r"(?:公司)?内部(?:的)?",
            r"自建(?:的)?",
        ),
        "sanitized": (
            # the structure only: table definitions, no rows
            r"只(?:给|发|导出|要|有)?(?:表结构|schema|ddl|结构)",
            r"(?:表结构|schema|ddl)(?:就行|即可|就够)",
            r"不(?:含|带|包含)(?:任何)?(?:数据|行)",
            # a template: variable names and placeholders, no values
            "占位符",
            r"只有(?:变量名|键名)",
            *TEMPLATE_FILES,
            # already cleared for this audience by the team that owns it ("the
            # write-ups already cleared by comms", "déjà validée par les RH")
            r"已(?:经)?(?:审批|批准|审核通过|通过审核)",
            r"已(?:经)?对外发布",
            r"只有(?:列名|表头|字段名)",
            r"不含(?:任何)?(?:客户|个人|用户)?(?:数据|信息)",
            "汇总",
            r"不(?:要|用)?(?:带|含|包含|包括)",  # 不要带工资和身份证号
            r"(?:人数|数量)(?!\S{0,2}(?:明细|名单))",
            "公开价",
            "已公开",
            r"已经公开",
            "公开信息",
            r"匿名(?!访问|链接|用户|登录|查看)",  # not 匿名访问: access with no account
            "脱敏",
            "聚合",
            "样本",
            "抽样",
            "假数据",
            "空白",  # a blank template holds nothing
            r"公开的\S{0,4}?(?:文档|资料|说明|介绍|手册|价格|新闻稿|公告)",  # public already
            r"合成(?:的|数据)",
            "模拟数据",
            "测试数据",
            "虚构",
            # how many rows, keys or people: a count (not "打多少折", how big a discount)
            r"多少(?!折|钱|的?(?:余地|利润|毛利|价))",
        ),
        "dedicated": (
            "新建",
            "单独",
            "专门",
            "新的",
        ),
        "recipient": (
            "他们",
            "对方",
        ),
        "rewrite": ("改写", "重写"),
        "ref": (
            r"(?:main|master|主干|发布|共享|远端|远程|线上|生产)\s*分支",
            "主干",
            r"发布\s*标签",
            r"(?:远端|远程)\S{0,4}标签",
            "版本标签",
            r"release/[\w.\-]+",
        ),
        "service": ("服务", "应用"),
        "shared": ("远端", "远程", "共享", "origin", "upstream", "受保护"),
        "brief": (
            r"[0-9一两二三四五六七八九十半]+\s*个?\s*(?:小时|分钟)",
            "发布期间",
            "维护期间",
            "部署期间",
        ),
        "hold": ("法律保留", "诉讼保留", "legal hold", "法律保全"),
        "public_part": ("公钥", "public key"),
        "pointer": (r"(?:申请|获取)(?:方法|流程|链接|入口|页面)",),
        # 写的人征求许可 (「可以关掉吗？」「我能删吗」); 「可以帮我……吗」 is a request
        "permission": (
            # not "可以把生产库删掉吗？": a 把 sentence disposes of the thing, it asks the reader
            r"(?<![你您])可以(?!帮|把)[^，。！？?,把]{0,24}吗",
            r"(?:我|我们)(?:能|可以)[^，。！？?,]{0,24}吗",
            r"是否可以",
        ),
        "request": ("你能", "能不能", "可以帮", "麻烦", "请你", "请帮", "帮我"),
        "lasting": (
            r"[0-9一两二三四五六七八九十]+\s*(?:周|个?星期|年)",
            "下个季度",
            "个月",
            "永久",
            "长期",
            "下季度",
        ),
        "reported": (
            "说",
            "让我",
            "叫我",
            r"要求(?:我|我们)",
        ),
        "history": (
            *FORCE_PUSH,
            r"force\s*-?push",
            "强制覆盖",
            "强推",
            "强制推送",
        ),
        # whether to do it is still to be decided ("再讨论是否公开", "要不要对外开放")
        "proposal": (r"是否", r"要不要", r"该不该"),
        "email": (
            "邮件",
            "邮箱",
        ),
        # a 把/将 clause with no subject is a command: "把订单表给删了" asks, "我把……删了" tells
        "wish": (
            r"(?:^|(?<=[，,。！？；\n]))\s*(?:请|麻烦你?|你|您|帮我|帮忙|直接|先|赶紧|马上)?\s*[把将]",
            r"(?:可以|应该|该|得|赶紧|马上|直接)$",  # 客户表可以删了: allowed now, not done
        ),
        # before a removal verb: what goes is a role, access or a membership, not the thing
        "access_part": (
            r"(?:权限|角色|访问权|授权|成员资格|邀请|所有者|管理员|成员)(?:里|中|列表里?|组里?)?(?:面)?$",
        ),
        # before a sending verb: a fact about a secret, not the secret ("在 Vault 里的路径")
        "metadata": (
            r"(?:路径|名称|名字|版本号?|创建时间|过期时间|到期时间|轮换时间|日期|arn|标签)",
            r"(?:字段名|键名|变量名|key\s*名)",
        ),
        "output": ("环境变量", "输出", "结果", "值", "内容", "它"),
        "determiner": ("把", "将"),
        # the post or article itself, or its readers: a publication named before
        # 本来就要公开的内容：演讲幻灯片、新闻资料包、Logo、职位描述、教程、代码片段、
        # 合成数据 (不含贡献指南这类文档：往里加的内容才是发布的东西)
        # running machines and pods: all stopped at once in production, the service is down
        "workload": (
            "服务器",
            "实例",
            "节点",
            "容器",
            "虚拟机",
            "机器",
            _latin("pod"),
            _latin("vm"),
        ),
        # a question about who may act, asked of the reader ("查一下谁可以删除…")
        "holders": (
            r"(?:查|看|确认|核实|列出|检查|告诉我|统计)\S{0,4}?(?:谁|哪些\S{1,6}?)(?:可以|能够|能|有权限|有权)$",
        ),
        "taken_up": (
            r"照(?:着)?(?:做|办|它说的做)",
            r"就这么(?:做|办)",
            r"(?:去)?做吧",
        ),
        "public_content": (
            r"(?:演讲|大会|会议|网络研讨会)(?:的)?(?:幻灯片|ppt|课件)",
            "新闻资料包",
            "媒体资料包",
            "logo",
            "职位描述",
            "招聘启事",
            "教程",
            "代码片段",
            "示例代码",
            "合成数据",
            "用户手册",
            "产品手册",
            "宣传册",
            "常见问题",
            "发布说明",
            "更新日志",
            "状态页",
        ),
        # a backup taken as the safety step before the act: it is what was made, not
        # what a later bare verb removes
        "safeguard": (
            r"备份(?:已经|已|都)?(?:做好|完成|做完|好了|搞定)",
            r"(?:已经|已)(?:做好|做了|完成)(?:了)?备份",
        ),
        "publication": (
            "文章",
            "读者",
        ),
        "pronoun": (
            "这",
            "那",
            "其",
            "它",
            "它们",
            "这个",
            "那个",
        ),
        "prompted": (
            r"(?:打开|开启|运行)(?:后|时|之后)(?:就)?(?:会)?(?:弹出|显示)?(?:提示|要求)(?:你|用户)?(?:要|需要|必须|先)?",
        ),
        "contracted": (
            r"合同(?:里|中|上)?(?:约定|规定)的",
            r"(?:签了|签订了?|签署了?)(?:保密协议|数据处理协议|合同)的",
        ),
        "contained": (
            r"(?:受保护的?|保护)视图(?:中|里|下)?",
            r"沙箱(?:中|里|内)",
            r"(?:用|在)(?:记事本|文本编辑器|编辑器)(?:里|中)?",
        ),
        "limited": (
            "读权限",
            "查看权限",
            "只读",
            "临时",
        ),
        # right before a destination: it is not there or taken away ("没有公开", "取消公开")
        "withdrawn": (
            r"(?:没有|未|不再|取消|关闭|撤销)$",
            r"从\s*[「“\"《]?$",
            r"(?:拒绝|阻止|封禁)规则[^。；;]{0,24}$",  # 添加一条拒绝规则，来源 0.0.0.0/0
        ),
        "link": (
            "匿名访问",
            "公开链接",
            "公开访问",
            r"(?:获得|知道|拿到|有)链接的(?:任何)?人",
            r"任何人(?:获得|通过|凭)链接",
        ),
        # right after the destination: where the thing came from ("供应商发来的", "客户那边寄来")
        "source": (r"[^，。,\n]{0,8}?(?:发来|寄来|发过来|传来|转来)",),
    },
    examples={
        "contracted": ("合同里约定的", "签了保密协议的"),
        "prompted": ("打开后会提示要",),
        "governed": ("导入到公司的数据仓库",),
        "people": ("所有客户", "会员表", "全量用户"),
        "contained": ("在受保护的视图中", "用记事本"),
        "workload": ("所有实例", "服务器"),
        "holders": ("查一下谁可以",),
        "excluded": ("（不是 .env）",),
        "public": ("所有入站流量",),
        "taken_up": ("照做", "，就这么办"),
        "fields": ("含手机号和邮箱",),
        "inside": ("内部的各客户利润率表格",),
        "public_content": ("代码片段", "职位描述", "新版用户手册", "状态页"),
        "safeguard": (
            "备份已经做好了",
            "已经做好了备份",
        ),
        "declined": ("我觉得不行", "不行", "最好不要"),
        "source": ("发来的", "那边寄来"),
        "destroy": ("把每周的备份删掉", "删除生产数据库"),
        "disable": ("关闭双因素认证", "告警全部静音"),
        "grant": ("授予管理员权限",),
        "move": ("通过微信发给外包", "粘贴到在线ai翻译"),
        "neg_before": ("千万不要删除",),
    },
)
