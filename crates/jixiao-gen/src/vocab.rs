//! Word lists for realistic forms: places, units, project themes, indicator templates, reasons.
//!
//! Indicator names are built from a project theme (`{obj}` object, `{work}` the activity,
//! `{svc}` the service, `{who}` the people served) so that a form reads like one project.

/// 深圳 districts: (name, 6-digit administrative code). Codes starting with 4403 select the
/// `shenzhen_2022` profile in the reader.
pub const SZ_DISTRICTS: &[(&str, &str)] = &[
    ("罗湖", "440303"),
    ("福田", "440304"),
    ("南山", "440305"),
    ("宝安", "440306"),
    ("龙岗", "440307"),
    ("盐田", "440308"),
    ("龙华", "440309"),
    ("坪山", "440310"),
    ("光明", "440311"),
];

/// Places for the central (万元) profile: (city, county).
pub const CENTRAL_PLACES: &[(&str, &str)] = &[
    ("池州市", "贵池区"),
    ("丽江市", "古城区"),
    ("六安市", "霍邱县"),
    ("眉山市", "青神县"),
    ("衡阳市", "衡山县"),
    ("随州市", "广水市"),
    ("运城市", "稷山县"),
    ("淮北市", "濉溪县"),
];

/// A 一级预算单位 (dept suffix after the place) and its 实施单位 (sub-units; the dept itself
/// may also implement: "…本级").
pub struct Dept {
    pub name: &'static str,
    pub subs: &'static [&'static str],
    /// Indices into [`THEMES`] typical of this dept.
    pub themes: &'static [usize],
}

pub const DEPTS: &[Dept] = &[
    Dept {
        name: "区委（政府）办",
        subs: &["区政务公开中心", "区档案馆", "区机关事务服务中心"],
        themes: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    },
    Dept {
        name: "区教育局",
        subs: &["区教育科学研究院", "区实验学校", "区第一幼儿园"],
        themes: &[10, 11, 12, 13, 0, 2, 9],
    },
    Dept {
        name: "区卫生健康局",
        subs: &["区疾病预防控制中心", "区人民医院", "区妇幼保健院"],
        themes: &[14, 15, 16, 17, 0, 2],
    },
    Dept {
        name: "区民政局",
        subs: &["区社会福利中心", "区救助管理站"],
        themes: &[18, 19, 20, 0, 9],
    },
    Dept {
        name: "区城市管理和综合执法局",
        subs: &["区环境卫生管理中心", "区公园管理中心"],
        themes: &[21, 22, 23, 24, 0],
    },
    Dept {
        name: "区司法局",
        subs: &["区公共法律服务中心"],
        themes: &[25, 26, 0, 9],
    },
    Dept {
        name: "区文化广电旅游体育局",
        subs: &["区图书馆", "区文化馆", "区体育中心"],
        themes: &[27, 28, 29, 0],
    },
];

/// A project theme: the words its indicators are built from.
pub struct Theme {
    pub name: &'static str,
    pub obj: &'static str,
    pub work: &'static str,
    pub svc: &'static str,
    pub who: &'static str,
    /// Count unit of its main output.
    pub unit: &'static str,
}

pub const THEMES: &[Theme] = &[
    Theme {
        name: "行政运行",
        obj: "机关",
        work: "日常办公保障",
        svc: "机关运转保障",
        who: "机关干部职工",
        unit: "项",
    },
    Theme {
        name: "档案管理事务",
        obj: "档案",
        work: "档案整理",
        svc: "档案查阅服务",
        who: "查档单位",
        unit: "件",
    },
    Theme {
        name: "信息化建设与运维",
        obj: "信息系统",
        work: "系统运维",
        svc: "信息化服务",
        who: "系统使用人员",
        unit: "套",
    },
    Theme {
        name: "办文办会事务",
        obj: "公文",
        work: "文件制发",
        svc: "会务服务",
        who: "参会人员",
        unit: "件",
    },
    Theme {
        name: "督查及绩效事务",
        obj: "督办事项",
        work: "督查督办",
        svc: "绩效评估",
        who: "责任单位",
        unit: "项",
    },
    Theme {
        name: "离退休干部管理和服务",
        obj: "离退休干部",
        work: "走访慰问",
        svc: "老干部服务",
        who: "离退休干部",
        unit: "人",
    },
    Theme {
        name: "党建工作经费",
        obj: "党支部",
        work: "党建活动",
        svc: "党员教育",
        who: "党员",
        unit: "次",
    },
    Theme {
        name: "政务公开业务",
        obj: "政务信息",
        work: "信息发布",
        svc: "政策解读",
        who: "社会公众",
        unit: "条",
    },
    Theme {
        name: "法律顾问服务",
        obj: "合同",
        work: "合法性审查",
        svc: "法律咨询",
        who: "机关科室",
        unit: "份",
    },
    Theme {
        name: "干部教育培训",
        obj: "培训班",
        work: "专题培训",
        svc: "干部培训",
        who: "参训学员",
        unit: "期",
    },
    Theme {
        name: "学校运行保障",
        obj: "校舍",
        work: "设施维修",
        svc: "教学保障",
        who: "师生",
        unit: "项",
    },
    Theme {
        name: "学生资助",
        obj: "资助资金",
        work: "资助发放",
        svc: "学生资助",
        who: "受助学生",
        unit: "人",
    },
    Theme {
        name: "教师继续教育",
        obj: "教师培训",
        work: "教研培训",
        svc: "继续教育",
        who: "参训教师",
        unit: "人次",
    },
    Theme {
        name: "校园安全管理",
        obj: "安保设备",
        work: "安全巡查",
        svc: "校园安保",
        who: "学生家长",
        unit: "次",
    },
    Theme {
        name: "基本公共卫生服务",
        obj: "健康档案",
        work: "健康管理",
        svc: "公共卫生服务",
        who: "辖区居民",
        unit: "人",
    },
    Theme {
        name: "疫情防控工作经费",
        obj: "防控物资",
        work: "核酸检测",
        svc: "疫情防控",
        who: "一线防控人员",
        unit: "人次",
    },
    Theme {
        name: "家庭医生签约服务",
        obj: "签约居民",
        work: "签约服务",
        svc: "家庭医生服务",
        who: "签约居民",
        unit: "人",
    },
    Theme {
        name: "妇幼健康服务",
        obj: "孕产妇",
        work: "孕期检查",
        svc: "妇幼保健",
        who: "孕产妇",
        unit: "人次",
    },
    Theme {
        name: "困难群众救助",
        obj: "救助对象",
        work: "救助金发放",
        svc: "社会救助",
        who: "困难群众",
        unit: "户",
    },
    Theme {
        name: "养老服务补贴",
        obj: "长者饭堂",
        work: "助餐服务",
        svc: "居家养老服务",
        who: "老年人",
        unit: "人次",
    },
    Theme {
        name: "社区服务中心运营",
        obj: "社区服务中心",
        work: "社区活动",
        svc: "社区服务",
        who: "社区居民",
        unit: "场",
    },
    Theme {
        name: "环境卫生清扫保洁",
        obj: "道路",
        work: "清扫保洁",
        svc: "环卫作业",
        who: "市民",
        unit: "平方米",
    },
    Theme {
        name: "公园绿化养护",
        obj: "绿地",
        work: "绿化养护",
        svc: "公园管理",
        who: "游园市民",
        unit: "平方米",
    },
    Theme {
        name: "垃圾分类推广",
        obj: "分类投放点",
        work: "分类督导",
        svc: "垃圾分类宣传",
        who: "小区居民",
        unit: "个",
    },
    Theme {
        name: "市容巡查执法",
        obj: "违法行为",
        work: "执法巡查",
        svc: "市容管理",
        who: "沿街商户",
        unit: "次",
    },
    Theme {
        name: "公共法律服务",
        obj: "法律援助案件",
        work: "法律援助",
        svc: "公共法律服务",
        who: "受援群众",
        unit: "件",
    },
    Theme {
        name: "人民调解工作经费",
        obj: "矛盾纠纷",
        work: "纠纷调解",
        svc: "人民调解",
        who: "当事人",
        unit: "宗",
    },
    Theme {
        name: "全民阅读推广",
        obj: "图书",
        work: "阅读活动",
        svc: "公共阅读服务",
        who: "读者",
        unit: "场",
    },
    Theme {
        name: "群众文化活动",
        obj: "文艺演出",
        work: "文化活动",
        svc: "公共文化服务",
        who: "参与群众",
        unit: "场",
    },
    Theme {
        name: "全民健身设施维护",
        obj: "健身器材",
        work: "设施巡检",
        svc: "全民健身服务",
        who: "健身群众",
        unit: "套",
    },
];

/// What a template's target looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A count in `unit` (`{u}` means the theme's unit) between `lo` and `hi`.
    Count {
        unit: &'static str,
        lo: u32,
        hi: u32,
    },
    /// A forward percentage target between `lo` and 100.
    Percent { lo: u32 },
    /// A reverse percentage (error rate, cost share) capped at a value between `lo` and `hi`.
    ReversePercent { lo: u32, hi: u32 },
    /// A reverse count cap (`≤8人`), only on cost rows (on a 数量 row it is a JX307 defect).
    ReverseCount {
        unit: &'static str,
        lo: u32,
        hi: u32,
    },
    /// A cost cap tied to the budget (`≤X万元`).
    CostCap,
    /// Cost control as `100%` (implicit, read as ≤ on a cost row).
    CostPercent,
    /// A qualitative target: one of the texts.
    Qual(&'static [&'static str]),
}

/// An indicator template for one level-2.
pub struct Template {
    pub name: &'static str,
    pub kind: TargetKind,
}

const fn t(name: &'static str, kind: TargetKind) -> Template {
    Template { name, kind }
}

use TargetKind::*;

const QUALITY_QUAL: &[&str] = &[
    "符合相关标准",
    "符合合同约定要求",
    "优良",
    "严格执行相关制度规定",
];
const TIME_QUAL: &[&str] = &[
    "12月底前",
    "年底前完成",
    "按合同约定时间完成",
    "第四季度前完成",
    "在项目计划完成时间内完成",
    "按月度完成",
];
const EFFECT_QUAL: &[&str] = &[
    "有效保障",
    "明显提升",
    "持续改善",
    "有效提高",
    "效果显著",
    "逐步提高",
];
const SUSTAIN_QUAL: &[&str] = &["长期", "持续发挥作用", "逐步建立", "持续提升"];

pub const QUANTITY: &[Template] = &[
    t(
        "{work}数量",
        Count {
            unit: "{u}",
            lo: 3,
            hi: 3000,
        },
    ),
    t(
        "开展{work}次数",
        Count {
            unit: "次",
            lo: 2,
            hi: 60,
        },
    ),
    t(
        "{svc}覆盖人数",
        Count {
            unit: "人",
            lo: 20,
            hi: 5000,
        },
    ),
    t(
        "服务{who}人次",
        Count {
            unit: "人次",
            lo: 100,
            hi: 20000,
        },
    ),
    t(
        "组织专题培训场次",
        Count {
            unit: "场",
            lo: 2,
            hi: 24,
        },
    ),
    t(
        "印发{obj}宣传资料",
        Count {
            unit: "份",
            lo: 200,
            hi: 20000,
        },
    ),
    t(
        "完成{obj}检查",
        Count {
            unit: "次",
            lo: 4,
            hi: 120,
        },
    ),
    t(
        "编制{svc}工作报告",
        Count {
            unit: "篇",
            lo: 1,
            hi: 12,
        },
    ),
    t(
        "购置{obj}相关设备",
        Count {
            unit: "台",
            lo: 2,
            hi: 80,
        },
    ),
    t(
        "聘用{svc}辅助人员",
        Count {
            unit: "名",
            lo: 2,
            hi: 30,
        },
    ),
];

pub const QUALITY: &[Template] = &[
    t("{work}合格率", Percent { lo: 90 }),
    t("{svc}完成率", Percent { lo: 95 }),
    t("{obj}数据准确率", Percent { lo: 95 }),
    t("项目验收通过率", Percent { lo: 100 }),
    t("{work}差错率", ReversePercent { lo: 1, hi: 5 }),
    t("{svc}质量", Qual(QUALITY_QUAL)),
    t("{who}投诉处理率", Percent { lo: 90 }),
];

pub const TIMELINESS: &[Template] = &[
    t("{work}完成及时率", Percent { lo: 95 }),
    t("{work}完成时间", Qual(TIME_QUAL)),
    t("资金支付及时率", Percent { lo: 100 }),
    t("{svc}响应时限达标率", Percent { lo: 90 }),
];

pub const COST: &[Template] = &[
    t("{work}成本控制", CostCap),
    t("项目总成本", CostCap),
    t("按标准控制总成本", CostPercent),
    t("{obj}经费占比", ReversePercent { lo: 10, hi: 40 }),
    t(
        "{svc}聘用人员控制数",
        ReverseCount {
            unit: "人",
            lo: 3,
            hi: 20,
        },
    ),
];

pub const ECONOMIC: &[Template] = &[
    t("节约{obj}运行成本", Qual(EFFECT_QUAL)),
    t("带动相关产业发展", Qual(EFFECT_QUAL)),
];

pub const SOCIAL: &[Template] = &[
    t("{svc}水平", Qual(EFFECT_QUAL)),
    t("{who}获得感", Qual(EFFECT_QUAL)),
    t("{svc}社会影响力", Qual(EFFECT_QUAL)),
    t(
        "受益{who}人数",
        Count {
            unit: "人",
            lo: 50,
            hi: 20000,
        },
    ),
    t("{svc}知晓率", Percent { lo: 80 }),
];

pub const ECOLOGICAL: &[Template] = &[
    t("{obj}资源节约", Qual(EFFECT_QUAL)),
    t("无纸化办公比例", Percent { lo: 80 }),
];

pub const SUSTAINABLE: &[Template] = &[
    t("{svc}长效机制", Qual(SUSTAIN_QUAL)),
    t("{work}制度化规范化水平", Qual(EFFECT_QUAL)),
];

pub const BENEFICIARY_SAT: &[Template] = &[
    t("{who}满意度", Percent { lo: 85 }),
    t("服务对象满意度", Percent { lo: 85 }),
    t("{svc}满意度", Percent { lo: 80 }),
];

pub const OTHER_SAT: &[Template] = &[
    t("相关部门满意度", Percent { lo: 85 }),
    t("社会公众满意度", Percent { lo: 80 }),
];

/// Qualitative actual values (grade A vocabulary of spec A.5).
pub const QUAL_ACTUALS: &[&str] = &[
    "达成预期指标",
    "达成预期指标",
    "达成预期指标",
    "达成年度指标",
    "已完成",
    "达成",
];

/// Grade B actual (部分达成).
pub const QUAL_PARTIAL: &str = "部分达成年度指标并具有一定效果";

pub const SHORTFALL_CAUSES: &[&str] = &[
    "受疫情影响，部分工作未能如期开展",
    "因人员变动，岗位空缺时间较长",
    "政府采购流程较长，合同签订时间推迟",
    "上级部署调整，部分任务延后实施",
    "实际需求少于年初预计",
    "项目实施周期调整，部分内容跨年度实施",
    "供应商履约进度滞后",
];

pub const MEASURES: &[&str] = &[
    "下一步将加强统筹调度，提前谋划年度工作",
    "下一步将优化采购流程，加快项目实施进度",
    "下一步将加强与相关部门沟通协调，确保按期完成",
    "今后将科学测算需求，合理设定绩效目标",
    "下一步将建立工作台账，按月跟踪任务进展",
];
