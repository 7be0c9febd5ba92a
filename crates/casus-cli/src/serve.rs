//! `casus serve`: the web page and the JSON API over HTTP (`casus-server`). The CLI's only
//! async code: the tokio runtime is built here, for this command alone.

use std::process::ExitCode;

use anyhow::{Context, Result};
use casus_core::Dataset;

use crate::output;
use crate::report::Rejected;

/// Serves until Ctrl-C. The address line goes to stderr first, so that a script (the browser
/// test) can start the server on port 0 and read where it listens.
pub(crate) fn serve(ds: Dataset, data_dir: &std::path::Path, addr: &str) -> Result<ExitCode> {
    let classifier = crate::cmd::geo()?;
    let scenarios = casus_server::AppState::read_scenarios(data_dir, &ds, &classifier).map_err(
        |e| match e {
            casus_server::StateError::Data(d) => {
                anyhow::Error::new(Rejected::new(d, "the scenarios have errors".to_owned()))
            }
            other => anyhow::anyhow!("{other}"),
        },
    )?;
    let state = casus_server::AppState::with_scenarios(ds, classifier, scenarios);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on `{addr}`"))?;
        let local = listener.local_addr().context("cannot read the listening address")?;
        output::eprintln(&format!("casus: serving http://{local} (Ctrl-C to stop)"));
        let ctrl_c = async {
            // If the signal cannot be watched, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        casus_server::serve(listener, state, ctrl_c).await.context("the server stopped")
    })?;
    Ok(ExitCode::SUCCESS)
}
