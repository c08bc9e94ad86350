/**
 * @tapheal/trainer: template mining, candidate categories and rule packs. Nothing is built here yet;
 * the trainer issue fills this package. It exists now so the workspace layout is the final one.
 */
export {};
