//! The screens the review UI switches between with 1-4.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Claims,
    Contradictions,
    Sources,
    Diagnostics,
}

impl Screen {
    pub const ALL: [Screen; 4] = [
        Screen::Claims,
        Screen::Contradictions,
        Screen::Sources,
        Screen::Diagnostics,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Screen::Claims => "Claims",
            Screen::Contradictions => "Contradictions",
            Screen::Sources => "Sources",
            Screen::Diagnostics => "Diagnostics",
        }
    }
}
