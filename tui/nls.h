/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nls.h — the one place gettext is wired in.
 *
 * Every string a person reads goes through _() (translated now), N_()
 * (marked for translation, translated where it is shown: tables of
 * messages in the engine) or P_() (plural forms).
 */
#ifndef GP_NLS_H
#define GP_NLS_H

#ifndef PACKAGE
#define PACKAGE "gpupt-setup"
#endif

#ifdef ENABLE_NLS
#include <libintl.h>
#include <locale.h>
#define _(s) dgettext(PACKAGE, s)
#define P_(singular, plural, n) dngettext(PACKAGE, singular, plural, n)
#else
#include <locale.h>
#define _(s) (s)
#define P_(singular, plural, n) ((n) == 1 ? (singular) : (plural))
#define bindtextdomain(d, dir) ((void)(d), (void)(dir), (const char *)NULL)
#define textdomain(d) ((void)(d), (const char *)NULL)
#endif

#define N_(s) (s)

#endif /* GP_NLS_H */
