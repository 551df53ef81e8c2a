//! The frame every page shares: who is signed in, the navigation for their role, the CSRF token.

/// The signed-in user as the top bar shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    pub name: String,
    /// 财政管理员 / 主管审核 / 填报人.
    pub role_zh: String,
}

/// Data for `base.html`.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub user: Option<UserBadge>,
    /// `(href, label)` of the role's pages.
    pub nav: Vec<(String, String)>,
    /// The nav entry of the current page.
    pub here: String,
    /// The session's CSRF token, put in every form as `csrf_token`.
    pub csrf: String,
    /// A one-line message at the top of the page (after a redirect).
    pub flash: Option<String>,
}

/// Navigation for a role code (`finance_admin`, `supervisor`, `filer`).
pub fn nav_for(role: &str) -> Vec<(String, String)> {
    let items: &[(&str, &str)] = match role {
        "finance_admin" => &[
            ("/", "首页"),
            ("/queue", "审核队列"),
            ("/dashboard", "统计分析"),
            ("/admin", "机构与用户"),
            ("/upload", "批量导入"),
            ("/exports", "导出"),
        ],
        "supervisor" => &[
            ("/", "首页"),
            ("/queue", "审核队列"),
            ("/dashboard", "统计分析"),
            ("/exports", "导出"),
        ],
        _ => &[
            ("/", "首页"),
            ("/forms", "本单位自评表"),
            ("/upload", "导入"),
        ],
    };
    items
        .iter()
        .map(|(h, l)| (h.to_string(), l.to_string()))
        .collect()
}

/// The Chinese name of a role code.
pub fn role_zh(role: &str) -> &'static str {
    match role {
        "finance_admin" => "财政管理员",
        "supervisor" => "主管部门审核",
        "filer" => "填报人",
        _ => "用户",
    }
}

/// The Chinese name of a workflow status.
pub fn status_zh(status: &str) -> &'static str {
    match status {
        "draft" => "草稿",
        "submitted" => "已提交",
        "in_review" => "审核中",
        "returned" => "已退回",
        "resubmitted" => "已重新提交",
        "approved" => "已通过",
        "published" => "已公开",
        _ => "未知状态",
    }
}
