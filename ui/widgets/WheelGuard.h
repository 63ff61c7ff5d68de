#pragma once

class QWidget;

namespace foi::ui {

/// Keeps the mouse wheel from changing a setting the officer is not working on. Every combo box and spin
/// box under `root` takes the wheel only once it has the focus (clicked or tabbed to), and the wheel no
/// longer gives it the focus: over one that is not being worked on, the wheel scrolls the page instead.
/// Call it again for controls added later; a control already guarded is left as it is.
void guardWheel(QWidget *root);

} // namespace foi::ui
