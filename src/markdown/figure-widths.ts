/**
 * The widths a figure may have (`:::figure{width=50%}`), as a share of the text column: a fixed few, so that a
 * translation cannot restyle anything (each is a class of templates/style.css, `.figure-width-50`).
 */
export const FIGURE_WIDTHS = [25, 33, 50, 66, 75, 100] as const;
