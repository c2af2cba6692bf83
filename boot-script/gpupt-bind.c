/* SPDX-License-Identifier: GPL-2.0-or-later */
/* placeholder until the binder lands: does nothing, successfully */
int main(void)
{
	return 0;
}
