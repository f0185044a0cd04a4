pub(super) fn run(_args: &super::InitArgs) -> std::process::ExitCode {
    std::process::ExitCode::from(2)
}
