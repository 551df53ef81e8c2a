//! `jixiao serve`: run the web server (API + pages) on SQLite in a data directory, or on
//! PostgreSQL when `DATABASE_URL=postgres://…` is set.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Options of `jixiao serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// 监听地址（默认 127.0.0.1:8080）
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// 数据目录（SQLite，默认 ./jixiao-data；设置 DATABASE_URL=postgres://… 时改用 PostgreSQL）
    #[arg(long, default_value = "jixiao-data")]
    pub data: PathBuf,
    /// 首次启动时创建演示单位、用户和 16 份种子自评表（密码均为 jixiao-demo）
    #[arg(long)]
    pub demo: bool,
}

/// Run the server; returns the exit code (2 when it cannot start).
pub fn run(args: &ServeArgs) -> u8 {
    let opts = jixiao_server::ServeOptions {
        addr: args.addr,
        data_dir: args.data.clone(),
        demo: args.demo,
        ..Default::default()
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jixiao serve：无法启动运行时：{e}");
            return 2;
        }
    };
    match rt.block_on(jixiao_server::serve(opts, jixiao_web::routes())) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("jixiao serve：无法启动：{e:#}");
            2
        }
    }
}
