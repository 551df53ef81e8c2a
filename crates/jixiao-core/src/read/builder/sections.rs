//! The decision frame's sections (银川 10+25+30+35, `domain.md` "Decision frame"): a 满意度
//! 二级 under a printed `项目效益(35分)` belongs to that section, which counts its points. The
//! ordinary reader takes such a row's level-1 from its 二级 category (the central form, where
//! 满意度指标 is a level-1 of its own, prints it mid-block in PDFs); in this family the printed
//! section and its 分值 win over that inference.

use crate::model::{Form, Sourced};
use crate::normalise;

/// Give each row in `under` (index, printed label above it) that is still `provisional` (no
/// label of its own category was printed later in its block, as a merged cell printed mid-block
/// is) back to the printed label it stood under, with that label's category and 分值.
pub(super) fn restore(form: &mut Form, under: &[(usize, Sourced<String>)], provisional: &[usize]) {
    for (i, label) in under.iter().filter(|(i, _)| provisional.contains(i)) {
        let Some((category, weight)) = normalise::level1_of(&label.value) else {
            continue;
        };
        let Some(ind) = form.indicators.get_mut(*i) else {
            continue;
        };
        ind.level1 = label.clone();
        ind.level1_category = Some(category);
        ind.level1_label_weight = weight;
    }
}
