// An anonymiser thread that cannot start, as with a broken install.
throw new Error('cannot load on purpose');
