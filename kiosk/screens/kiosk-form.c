/*
 * kiosk-form.c: the claim form (申领表) and the FRP-change form (变更申请表)
 * as one screen, filled in by the person alone at the kiosk.
 *
 * The screen owns the answers (struct kiosk_state) and builds its form of
 * widgets from them: the credit code, the institution as the register has it
 * (read-only rows, filled when the code is left), who is to be the first
 * responsible person (claim) or why it changes (change form), that person's
 * name, ID number and mobile, and remarks. Each field is checked when the
 * person leaves it and says why under itself; nothing typed is ever changed by
 * a check. Choosing the legal representative drops the name (the register has
 * it) and checks the ID number against the register's, so the form is rebuilt
 * when that choice changes: the values are saved into the state first, so
 * nothing typed is lost, not even the name of the other branch.
 *
 * The screen's own keys are in its table (kiosk_form_keys: F10, Esc, F2); it
 * has no root widget, and its key() hands every other key to the form, so
 * that it can rebuild the form after the form's handler has returned, never
 * inside it. The form is drawn by draw().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cert.h"
#include "choice.h"
#include "clock.h"
#include "code.h"
#include "dialog.h"
#include "field.h"
#include "form.h"
#include "idcheck.h"
#include "kiosk.h"
#include "text.h"
#include "tw.h"

/* GB 32100: digits and the capital letters but I, O, Z, S and V. */
#define KIOSK_FORM_CODE_ALPHABET	"0123456789ABCDEFGHJKLMNPQRTUWXY"
#define KIOSK_FORM_ID_ALPHABET		"0123456789X"
#define KIOSK_FORM_PHONE_ALPHABET	"0123456789"
#define KIOSK_FORM_INFO_LINES		3	/* a long name or address wraps,
    up to this */

/* LR_ID and LR_PHONE: the legal representative's, as the paper forms ask,
 * when the FRP is someone else; optional, for the counter to compare. */
enum kiosk_form_slot { KIOSK_FORM_CODE, KIOSK_FORM_NAME, KIOSK_FORM_ID,
    KIOSK_FORM_PHONE, KIOSK_FORM_REMARK, KIOSK_FORM_LR_ID, KIOSK_FORM_LR_PHONE,
    KIOSK_FORM_NFIELDS,
	KIOSK_FORM_WHO = KIOSK_FORM_NFIELDS };

/* A read-only row: a label and a value from the register, or a hint. */
struct kiosk_form_info {
	struct widget	 super;
	char		*label;
	char		*hint;
	const char	*value;		/* borrowed from the state */
	const int	*ok;		/* the value is there */
	int		 gap;		/* a blank line after it */
};

struct kiosk_form {
	struct kiosk_state st;
	struct frame	*frame;
	struct form	*form;
	/* KIOSK_FORM_NAME NULL for the legal rep */
	struct field	*field[KIOSK_FORM_NFIELDS];
	struct choice	*who;		/* claim: the FRP; change: the reason */
	int		 who_sel;
	const char	*errkey[KIOSK_FORM_NFIELDS];	/* message keys shown,
	    for a rebuild */
	struct tbox	 box;
	int		 esc_armed;
};

/* --- the read-only rows --- */

static int
kiosk_form_info_x0(const struct widget *w)
{
	return w->x + widget_label_cols(w, w->w);
}

static int
kiosk_form_info_lines(const struct kiosk_form_info *in, int cols)
{
	int n;

	if (!*in->ok || cols < 2)
		return 1;
	n = (tw_width(in->value) + cols - 1) / cols;
	return n < 1 ? 1 : n > KIOSK_FORM_INFO_LINES ? KIOSK_FORM_INFO_LINES : n;
}

static int
kiosk_form_info_height(struct widget *w, int width)
{
	struct kiosk_form_info *in = (struct kiosk_form_info *)w;

	return kiosk_form_info_lines(in, width - widget_label_cols(w, width)) +
	    in->gap;
}

static void
kiosk_form_info_draw(struct widget *w)
{
	struct kiosk_form_info *in = (struct kiosk_form_info *)w;
	int x0 = kiosk_form_info_x0(w), cols = w->x + w->w - x0, i, n;
	const char *v = in->value;
	size_t k;

	if (x0 > w->x)
		tty_put(w->y, w->x, x0 - w->x - 1, in->label,
		    tty_attr(TTY_LABEL));
	if (!*in->ok) {
		tty_put(w->y, x0, cols, in->hint, tty_attr(TTY_HINT));
		return;
	}
	n = kiosk_form_info_lines(in, cols);
	for (i = 0; i < n && *v != '\0'; i++) {
		tty_put(w->y + i, x0, cols, v, tty_attr(TTY_NORMAL) | A_BOLD);
		if ((k = tw_fit(v, cols, NULL)) == 0)
			break;
		v += k;
	}
}

static void
kiosk_form_info_destroy(struct widget *w)
{
	struct kiosk_form_info *in = (struct kiosk_form_info *)w;

	free(in->label);
	free(in->hint);
	free(in);
}

static const struct widget_class kiosk_form_info_class = {
	.name = "kiosk-info",
	.draw = kiosk_form_info_draw,
	.height = kiosk_form_info_height,
	.destroy = kiosk_form_info_destroy,
};

static struct widget *
kiosk_form_info_new(const char *label, const char *hint, const char *value, const int *ok,
    int gap)
{
	struct kiosk_form_info *in;

	if ((in = calloc(1, sizeof *in)) == NULL)
		return NULL;
	widget_init(&in->super, &kiosk_form_info_class);
	if ((in->label = strdup(label)) == NULL ||
	    (in->hint = strdup(hint)) == NULL) {
		kiosk_form_info_destroy(&in->super);
		return NULL;
	}
	in->super.label = in->label;
	in->value = value;
	in->ok = ok;
	in->gap = gap;
	return &in->super;
}

/* --- checks, run when a field is left and before going on --- */

static int
kiosk_form_legal_rep(const struct kiosk_form *kf)
{
	return kf->st.form.kind == APP_CLAIM && kf->who_sel == 0;
}

/* Remembers the key shown at a field and gives its text. */
static const char *
kiosk_form_said(struct kiosk_form *kf, enum kiosk_form_slot i, const char *key)
{
	kf->errkey[i] = key;
	return key != NULL ? msg_get(key) : NULL;
}

static void
kiosk_form_forget_inst(struct kiosk_form *kf)
{
	sodium_memzero(&kf->st.inst, sizeof kf->st.inst);
	kf->st.inst_ok = 0;
}


/* Looks a valid code up, once per code: NULL, or the key of why not. */
static const char *
kiosk_form_lookup(struct kiosk_form *kf, const char *code)
{
	struct institution in;
	struct err e;

	if (kf->st.inst_ok && strcmp(kf->st.inst.credit_code, code) == 0)
		return NULL;
	kiosk_form_forget_inst(kf);
	err_clear(&e);
	if (reg_inst_shown(frame_reg(kf->frame), code, &in, &e) != 0) {
		if (e.kind == ERR_NOTFOUND || e.key == NULL)
			return e.kind == ERR_NOTFOUND ? "inst.unknown" :
			    "kiosk.error.system";
		return e.key;
	}
	if (in.status != INST_ACTIVE) {
		sodium_memzero(&in, sizeof in);
		return "inst.cancelled";
	}
	/* Said here, before a ticket: a form the counter would have to refuse,
	 * with what to do instead (cert_app_check()). */
	if (cert_app_check(frame_reg(kf->frame), code, kf->st.form.kind, &e) != 0) {
		sodium_memzero(&in, sizeof in);
		return e.key != NULL ? e.key : "kiosk.error.system";
	}
	kf->st.inst = in;
	kf->st.inst_ok = 1;
	sodium_memzero(&in, sizeof in);
	return NULL;
}

/* A credit code as typed or scanned, normalized into code and checked: NULL,
 * or the key of why not. */
static const char *
kiosk_form_code_key(char code[REG_CODE_SIZE], const char *v)
{
	if (text_copy(code, REG_CODE_SIZE, v) != 0)
		return "code.length";
	idcheck_normalize_code(code);
	return idcheck_credit_code(code);
}

/* The same for an ID number. */
static const char *
kiosk_form_id_key(char id[REG_ID_SIZE], const char *v)
{
	if (text_copy(id, REG_ID_SIZE, v) != 0)
		return "id.length";
	idcheck_normalize_id(id);
	return idcheck_resident_id(id, clock_now());
}

static const char *
kiosk_form_check_code(const char *v, void *arg)
{
	struct kiosk_form *kf = arg;
	char code[REG_CODE_SIZE];
	const char *key;

	if ((key = kiosk_form_code_key(code, v)) == NULL)
		key = kiosk_form_lookup(kf, code);
	if (key != NULL)
		kiosk_form_forget_inst(kf);
	return kiosk_form_said(kf, KIOSK_FORM_CODE, key);
}

/* Whether id is the legal representative's, asked of the registry (the kiosk
 * never holds the register's ID number): NULL, or the key of why not. */
static const char *
kiosk_form_rep_key(struct kiosk_form *kf, const char *id)
{
	struct err e;

	err_clear(&e);
	if (reg_app_legal_rep_id(frame_reg(kf->frame), kf->st.inst.credit_code, id,
	    &e) == 0)
		return NULL;
	/* A rule: too many wrong ones from this station for this institution. */
	return (e.kind == ERR_INPUT || e.kind == ERR_RULE) && e.key != NULL ?
	    e.key : "kiosk.error.system";
}

static const char *
kiosk_form_check_id(const char *v, void *arg)
{
	struct kiosk_form *kf = arg;
	char id[REG_ID_SIZE];
	const char *key = kiosk_form_id_key(id, v);

	/* The legal rep is who the register says: compare when known. */
	if (key == NULL && kiosk_form_legal_rep(kf) && kf->st.inst_ok)
		key = kiosk_form_rep_key(kf, id);
	sodium_memzero(id, sizeof id);
	return kiosk_form_said(kf, KIOSK_FORM_ID, key);
}

static const char *
kiosk_form_check_phone(const char *v, void *arg)
{
	return kiosk_form_said(arg, KIOSK_FORM_PHONE, idcheck_mobile(v));
}

/* The legal representative's, when given: checked, never compared here (a
 * legal representative change is why they may differ from the register). */
static const char *
kiosk_form_check_lr_id(const char *v, void *arg)
{
	char id[REG_ID_SIZE];
	const char *key;

	if (*v == '\0')
		return kiosk_form_said(arg, KIOSK_FORM_LR_ID, NULL);
	key = kiosk_form_id_key(id, v);
	sodium_memzero(id, sizeof id);
	return kiosk_form_said(arg, KIOSK_FORM_LR_ID, key);
}

static const char *
kiosk_form_check_lr_phone(const char *v, void *arg)
{
	return kiosk_form_said(arg, KIOSK_FORM_LR_PHONE, *v == '\0' ? NULL :
	    idcheck_mobile(v));
}

/* Free text is checked as it will be stored: without the spaces around. */
static const char *
kiosk_form_check_text(struct kiosk_form *kf, enum kiosk_form_slot i,
    const char *v, size_t min, size_t max)
{
	char t[REG_REMARK_SIZE];
	const char *key = "text.too_long";

	if (text_copy(t, sizeof t, v) == 0) {
		text_trim(t);
		key = i == KIOSK_FORM_NAME ? text_check_name(t, min, max) :
		    text_check(t, min, max);
	}
	sodium_memzero(t, sizeof t);
	if (key != NULL && strcmp(key, "text.empty") == 0 && i == KIOSK_FORM_NAME)
		key = "kiosk.form.name_empty";
	return kiosk_form_said(kf, i, key);
}

static const char *
kiosk_form_check_name(const char *v, void *arg)
{
	return kiosk_form_check_text(arg, KIOSK_FORM_NAME, v, 1, REG_PERSON_CHARS);
}

static const char *
kiosk_form_check_remark(const char *v, void *arg)
{
	return kiosk_form_check_text(arg, KIOSK_FORM_REMARK, v, 0, REG_REMARK_CHARS);
}

/* --- building the form from the state, and saving it back --- */

static int
kiosk_form_save_one(struct kiosk_form *kf, enum kiosk_form_slot i, char *dst, size_t len)
{
	const char *v;

	if (kf->field[i] == NULL)
		return 0;
	if ((v = field_value(kf->field[i])) == NULL)
		return -1;
	return text_copy(dst, len, v);
}

/* The widgets' values into the state, as typed. */
static int
kiosk_form_save(struct kiosk_form *kf)
{
	struct app_form *f = &kf->st.form;

	if (kf->form == NULL)
		return 0;
	if (kf->st.form.kind == APP_CLAIM)
		f->frp_is_legal_rep = kf->who_sel == 0;
	else
		f->reason = kf->who_sel == 0 ? APP_REASON_LEGAL_REP_CHANGE :
		    APP_REASON_FRP_CHANGE;
	if (kiosk_form_save_one(kf, KIOSK_FORM_CODE, f->credit_code,
	    sizeof f->credit_code) != 0 ||
	    kiosk_form_save_one(kf, KIOSK_FORM_NAME, f->frp_name,
	    sizeof f->frp_name) != 0 ||
	    kiosk_form_save_one(kf, KIOSK_FORM_ID, f->frp_id, sizeof f->frp_id) != 0 ||
	    kiosk_form_save_one(kf, KIOSK_FORM_PHONE, f->frp_phone,
	    sizeof f->frp_phone) != 0 ||
	    kiosk_form_save_one(kf, KIOSK_FORM_REMARK, f->remark, sizeof f->remark) != 0)
		return -1;
	if (kf->field[KIOSK_FORM_LR_ID] == NULL) {
		f->legal_rep_id[0] = f->legal_rep_phone[0] = '\0';
		return 0;
	}
	if (kiosk_form_save_one(kf, KIOSK_FORM_LR_ID, f->legal_rep_id,
	    sizeof f->legal_rep_id) != 0 || kiosk_form_save_one(kf,
	    KIOSK_FORM_LR_PHONE, f->legal_rep_phone, sizeof f->legal_rep_phone) != 0)
		return -1;
	idcheck_normalize_id(f->legal_rep_id);
	return 0;
}

/* Empties the fields, so the typed text leaves the edit buffers too. */
static void
kiosk_form_free_form(struct kiosk_form *kf)
{
	int i;

	for (i = 0; i < KIOSK_FORM_NFIELDS; i++) {
		if (kf->field[i] != NULL)
			field_set_value(kf->field[i], "");
		kf->field[i] = NULL;
	}
	if (kf->form != NULL)
		widget_free(form_widget(kf->form));
	kf->form = NULL;
	kf->who = NULL;
}

static struct field *
kiosk_form_add_field(struct kiosk_form *kf, enum kiosk_form_slot i, const char *label,
    size_t max, const char *alphabet, field_check_fn check, const char *hint,
    const char *value)
{
	struct field *f;
	char full[256];

	if ((f = field_new(msg_get(label), max)) == NULL)
		return NULL;
	field_set_alphabet(f, alphabet);
	/* Free text on the Chinese form is typed in Chinese, by its pinyin, as
	 * the hint says; on the English one it is letters, as typed. */
	if (alphabet == NULL && msg_get_lang() == MSG_ZH_CN) {
		field_set_pinyin(f, frame_pinyin(kf->frame));
		if (hint == NULL && frame_pinyin(kf->frame) != NULL)
			hint = "kiosk.form.pinyin_hint";
	}
	field_set_check(f, check, kf);
	snprintf(full, sizeof full, msg_get("kiosk.form.full"), max);
	if (field_set_full(f, full) != 0 ||
	    (hint != NULL && field_set_hint(f, msg_get(hint)) != 0)) {
		widget_free(field_widget(f));
		return NULL;
	}
	if (form_add(kf->form, field_widget(f)) != 0)
		return NULL;
	/* A value that no longer fits the field (never typed here) is dropped. */
	field_set_value(f, value);
	if (kf->errkey[i] != NULL)
		field_set_error(f, msg_get(kf->errkey[i]));
	kf->field[i] = f;
	return f;
}

static int
kiosk_form_add_info(struct kiosk_form *kf, const char *label, const char *value, int gap)
{
	struct widget *w;

	if ((w = kiosk_form_info_new(msg_get(label),
	    msg_get("kiosk.form.inst_hint"), value,
	    &kf->st.inst_ok, gap)) == NULL)
		return -1;
	return form_add(kf->form, w);
}

static int
kiosk_form_add_who(struct kiosk_form *kf)
{
	const char *opts[2];
	int claim = kf->st.form.kind == APP_CLAIM;

	opts[0] = msg_get(claim ? "kiosk.form.frp_legal_rep" :
	    "kiosk.form.reason_legal_rep");
	opts[1] = msg_get(claim ? "kiosk.form.frp_other" : "kiosk.form.reason_frp");
	if ((kf->who = choice_new(msg_get(claim ? "kiosk.form.frp" :
	    "kiosk.form.reason"), opts, 2)) == NULL)
		return -1;
	choice_select(kf->who, kf->who_sel);
	return form_add(kf->form, choice_widget(kf->who));
}

static int
kiosk_form_add_all(struct kiosk_form *kf)
{
	struct app_form *f = &kf->st.form;
	struct institution *in = &kf->st.inst;
	int lr = kiosk_form_legal_rep(kf);

	if (kiosk_form_add_field(kf, KIOSK_FORM_CODE, "kiosk.form.code", IDCHECK_CODE_LEN,
	    KIOSK_FORM_CODE_ALPHABET, kiosk_form_check_code, "kiosk.form.code_hint",
	    f->credit_code) == NULL ||
	    kiosk_form_add_info(kf, "kiosk.form.inst_name", in->name, 0) != 0 ||
	    kiosk_form_add_info(kf, "kiosk.form.inst_address", in->address, 0) != 0 ||
	    kiosk_form_add_info(kf, "kiosk.form.legal_rep", in->legal_rep_name, 1) != 0 ||
	    kiosk_form_add_who(kf) != 0)
		return -1;
	if (!lr && kiosk_form_add_field(kf, KIOSK_FORM_NAME,
	    kf->st.form.kind == APP_CLAIM ?
	    "kiosk.form.name" : "kiosk.form.new_name", REG_PERSON_CHARS, NULL,
	    kiosk_form_check_name, NULL, f->frp_name) == NULL)
		return -1;
	if (kiosk_form_add_field(kf, KIOSK_FORM_ID, lr ? "kiosk.form.id_legal_rep" :
	    "kiosk.form.id", IDCHECK_ID_LEN, KIOSK_FORM_ID_ALPHABET, kiosk_form_check_id,
	    lr ? "kiosk.form.id_legal_rep_hint" : "kiosk.form.id_hint",
	    f->frp_id) == NULL ||
	    kiosk_form_add_field(kf, KIOSK_FORM_PHONE, "kiosk.form.phone",
	    IDCHECK_MOBILE_LEN,
	    KIOSK_FORM_PHONE_ALPHABET, kiosk_form_check_phone, "kiosk.form.phone_hint",
	    f->frp_phone) == NULL ||
	    (!lr && (kiosk_form_add_field(kf, KIOSK_FORM_LR_ID, "kiosk.form.lr_id",
	    IDCHECK_ID_LEN, KIOSK_FORM_ID_ALPHABET, kiosk_form_check_lr_id,
	    "kiosk.form.lr_hint", f->legal_rep_id) == NULL ||
	    kiosk_form_add_field(kf, KIOSK_FORM_LR_PHONE, "kiosk.form.lr_phone",
	    IDCHECK_MOBILE_LEN, KIOSK_FORM_PHONE_ALPHABET, kiosk_form_check_lr_phone,
	    "kiosk.form.lr_hint", f->legal_rep_phone) == NULL)) ||
	    kiosk_form_add_field(kf, KIOSK_FORM_REMARK, "kiosk.form.remark",
	    REG_REMARK_CHARS,
	    NULL, kiosk_form_check_remark, "kiosk.form.remark_hint", f->remark) == NULL)
		return -1;
	return 0;
}

static struct widget *
kiosk_form_slot_widget(struct kiosk_form *kf, int slot)
{
	if (slot == KIOSK_FORM_WHO)
		return kf->who != NULL ? choice_widget(kf->who) : NULL;
	if (slot < 0 || slot >= KIOSK_FORM_NFIELDS || kf->field[slot] == NULL)
		return NULL;
	return field_widget(kf->field[slot]);
}

/* The slot with the focus, or -1. */
static int
kiosk_form_focused_slot(struct kiosk_form *kf)
{
	struct widget *w = kf->form != NULL ? form_focused(kf->form) : NULL;
	int i;

	for (i = 0; i <= KIOSK_FORM_WHO; i++) {
		if (w != NULL && kiosk_form_slot_widget(kf, i) == w)
			return i;
	}
	return -1;
}

/* Makes the form again from the state, the focus on slot (if it is there). */
static int
kiosk_form_build(struct kiosk_form *kf, int slot)
{
	struct widget *w;

	if (kiosk_form_save(kf) != 0)
		return -1;
	kiosk_form_free_form(kf);
	if ((kf->form = form_new()) == NULL || kiosk_form_add_all(kf) != 0) {
		kiosk_form_free_form(kf);
		return -1;
	}
	form_set_submit_key(kf->form, 0);	/* F10 is the screen's */
	if (slot == KIOSK_FORM_NAME && kf->field[KIOSK_FORM_NAME] == NULL)
		slot = KIOSK_FORM_ID;
	if ((w = kiosk_form_slot_widget(kf, slot)) != NULL)
		form_focus(kf->form, w);
	return 0;
}

/* --- the screen --- */

static int
kiosk_form_enter(struct screen *s, void *arg)
{
	const struct kiosk_start *ks = arg;
	struct kiosk_form *kf;

	if (ks == NULL || (kf = calloc(1, sizeof *kf)) == NULL)
		return -1;
	kf->frame = s->frame;
	kf->st.form.kind = ks->kind;
	kf->st.form.frp_is_legal_rep = ks->kind == APP_CLAIM;
	memcpy(kf->st.form.credit_code, ks->credit_code,
	    sizeof kf->st.form.credit_code);
	kf->st.form.credit_code[REG_CODE_SIZE - 1] = '\0';
	/* A scanned code is looked up at once, and the person goes on below it. */
	if (ks->credit_code[0] != '\0')
		kiosk_form_check_code(kf->st.form.credit_code, kf);
	if (kiosk_form_build(kf, ks->credit_code[0] != '\0' &&
	    kf->errkey[KIOSK_FORM_CODE] == NULL ?
	    KIOSK_FORM_WHO : KIOSK_FORM_CODE) != 0) {
		sodium_memzero(kf, sizeof *kf);
		free(kf);
		return -1;
	}
	s->data = kf;
	s->title = ks->kind == APP_CLAIM ? "kiosk.form.title_claim" :
	    "kiosk.form.title_change";
	return 0;
}

static void
kiosk_form_leave(struct screen *s)
{
	struct kiosk_form *kf = s->data;

	kiosk_form_free_form(kf);
	sodium_memzero(kf, sizeof *kf);
	free(kf);
}

static enum kiosk_form_slot
kiosk_form_field_slot(const char *field)
{
	static const struct {
		const char	*name;
		enum kiosk_form_slot	 slot;
	} map[] = {
		{ "credit_code", KIOSK_FORM_CODE }, { "frp_name", KIOSK_FORM_NAME },
		{ "frp_id", KIOSK_FORM_ID }, { "frp_phone", KIOSK_FORM_PHONE },
		{ "remark", KIOSK_FORM_REMARK }, { "reason", KIOSK_FORM_WHO },
		{ "legal_rep_id", KIOSK_FORM_LR_ID },
		{ "legal_rep_phone", KIOSK_FORM_LR_PHONE },
	};
	size_t i;

	for (i = 0; field != NULL && i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(field, map[i].name) == 0)
			return map[i].slot;
	}
	return KIOSK_FORM_CODE;
}

/* What the confirm screen left for us: a part to change, or a refusal. */
static void
kiosk_form_back(struct screen *s)
{
	struct kiosk_form *kf = s->data;
	static const int part_slot[] = { -1, KIOSK_FORM_CODE, KIOSK_FORM_WHO,
	    KIOSK_FORM_REMARK };
	enum kiosk_form_slot slot;
	struct widget *w;

	if (kf->st.err_key != NULL) {
		/* The register may have changed since the code was left: read it
		 * again, so the checks compare with what the registry has now. */
		kiosk_form_forget_inst(kf);
		field_check(kf->field[KIOSK_FORM_CODE]);
		slot = kiosk_form_field_slot(kf->st.err_field);
		if (slot < KIOSK_FORM_NFIELDS && kf->field[slot] != NULL) {
			kf->errkey[slot] = kf->st.err_key;
			field_set_error(kf->field[slot], msg_get(kf->st.err_key));
		} else
			frame_status(s->frame, msg_get(kf->st.err_key), TTY_ERROR);
		if ((w = kiosk_form_slot_widget(kf, slot)) != NULL)
			form_focus(kf->form, w);
	} else if ((w = kiosk_form_slot_widget(kf, part_slot[kf->st.back_to])) != NULL)
		form_focus(kf->form, w);
	kf->st.err_key = kf->st.err_field = NULL;
	kf->st.back_to = KIOSK_PART_NONE;
}

static void
kiosk_form_layout(struct screen *s, struct tbox b)
{
	struct kiosk_form *kf = s->data;
	int w = b.w - 4 < 96 ? b.w - 4 : 96;

	kf->box = b;
	kiosk_form_back(s);
	widget_place(form_widget(kf->form), b.y + 1, b.x + (b.w - w) / 2, b.h - 1,
	    w);
}

static void
kiosk_form_draw(struct screen *s, struct tbox b)
{
	struct kiosk_form *kf = s->data;
	char intro[256];

	snprintf(intro, sizeof intro, msg_get("kiosk.form.intro"),
	    frame_keys_name(s->frame, KEY_F(10)));
	tty_put_centre(b.y, b.x, b.w, intro, tty_attr(TTY_HINT));
	widget_draw(form_widget(kf->form));
}

/* The answers as they will be stored: spaces around free text trimmed. */
static void
kiosk_form_tidy(struct kiosk_state *st)
{
	idcheck_normalize_code(st->form.credit_code);
	idcheck_normalize_id(st->form.frp_id);
	text_trim(st->form.frp_name);
	text_trim(st->form.remark);
	if (st->form.frp_is_legal_rep && st->form.kind == APP_CLAIM)
		sodium_memzero(st->form.frp_name, sizeof st->form.frp_name);
}

/* Every field passed its check: on to the confirm screen. */
static enum widget_result
kiosk_form_done(struct screen *s)
{
	struct kiosk_form *kf = s->data;

	if (kiosk_form_save(kf) != 0) {
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	kiosk_form_tidy(&kf->st);
	if (frame_push(s->frame, &kiosk_confirm_screen, &kf->st) != 0)
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static int
kiosk_form_empty(struct kiosk_form *kf)
{
	int i;
	const char *v;

	for (i = 0; i < KIOSK_FORM_NFIELDS; i++) {
		if (kf->field[i] != NULL && (v = field_value(kf->field[i])) != NULL &&
		    v[0] != '\0')
			return 0;
	}
	return 1;
}

/* Esc leaves the form; once something is typed, only when pressed twice.
 * Letters being composed into Chinese are the field's to drop first. */
static enum widget_result
kiosk_form_escape(struct screen *s, const struct widget_key *k)
{
	struct kiosk_form *kf = s->data;
	enum widget_result r;

	if ((r = widget_key(form_widget(kf->form), k)) != WIDGET_IGNORED)
		return r;
	if (!kf->esc_armed && !kiosk_form_empty(kf)) {
		kf->esc_armed = 1;
		frame_status(s->frame, msg_get("kiosk.form.esc_again"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	frame_pop(s->frame);
	return WIDGET_RESIZE;
}

/* The form anew, the focus kept: the language or the branch changed. A new
 * branch checks the ID number again if it was wrong: whose it must be changed. */
static enum widget_result
kiosk_form_rebuild(struct screen *s, int recheck_id)
{
	struct kiosk_form *kf = s->data;

	if (kiosk_form_build(kf, kiosk_form_focused_slot(kf)) != 0) {
		/* Nothing sensible is left to show: start again, and say why. */
		frame_home(s->frame);
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
		return WIDGET_RESIZE;
	}
	if (recheck_id && kf->field[KIOSK_FORM_ID] != NULL &&
	    kf->errkey[KIOSK_FORM_ID] != NULL)
		field_check(kf->field[KIOSK_FORM_ID]);
	return WIDGET_RESIZE;
}

static enum widget_result
kiosk_form_lang(struct screen *s, const struct widget_key *k)
{
	(void)k;
	msg_set_lang(kiosk_other_lang());
	return kiosk_form_rebuild(s, 0);
}

/* F10: every field checked, as Enter on the last one does. */
static enum widget_result
kiosk_form_submit(struct screen *s, const struct widget_key *k)
{
	struct kiosk_form *kf = s->data;

	(void)k;
	kf->esc_armed = 0;
	if (form_check(kf->form) != 0)
		return WIDGET_REDRAW;
	return kiosk_form_done(s);
}

static const struct screen_key kiosk_form_keys[] = {
	{ '\t', "kiosk.form.key_next", NULL, NULL, NULL },
	{ KEY_F(10), "kiosk.form.key_done", kiosk_form_submit, NULL, NULL },
	{ FRAME_KEY_ESC, "kiosk.key.back", kiosk_form_escape, NULL, NULL },
	{ KIOSK_LANG_KEY, "kiosk.key.lang", kiosk_form_lang, NULL, NULL },
};

/* The rest is the form's: typing, moving, choosing, Enter on the last field. */
static enum widget_result
kiosk_form_key(struct screen *s, const struct widget_key *k)
{
	struct kiosk_form *kf = s->data;
	enum widget_result r;

	kf->esc_armed = 0;
	r = widget_key(form_widget(kf->form), k);
	if (r == WIDGET_DONE)
		return kiosk_form_done(s);
	if (kf->who != NULL && choice_selected(kf->who) != kf->who_sel) {
		kf->who_sel = choice_selected(kf->who);
		if (kf->st.form.kind == APP_CLAIM)
			return kiosk_form_rebuild(s, 1);
	}
	return r == WIDGET_IGNORED ? WIDGET_HANDLED : r;
}

/* What a scan can mean on this form: one of our codes, or a credit code. */
static int
kiosk_form_looks_like_code(const char *text, size_t len)
{
	char code[REG_CODE_SIZE];

	if (code_classify(text, len) != CODE_MALFORMED)
		return 1;
	return idcheck_code_scanned(text, len, code) == NULL;
}

/* A scan would replace what the person typed in the field: 1 if they say so. */
static int
kiosk_form_ask_replace(struct kiosk_form *kf)
{
	const char *buttons[2];
	struct dialog *d;
	int choice;

	buttons[0] = msg_get("kiosk.form.replace_keep");
	buttons[1] = msg_get("kiosk.form.replace_yes");
	d = dialog_new(msg_get("kiosk.form.replace_title"),
	    msg_get("kiosk.form.replace_text"), buttons, 2);
	choice = d != NULL ? dialog_run(frame_loop(kf->frame), d) : -1;
	dialog_free(d);
	return choice == 1;
}

/*
 * A scanner types into the field with the focus, as a wedge scanner would,
 * and goes on to the next field. A keyboard burst that is no code at all was
 * typing (a paste): the frame inserts it at the cursor (WIDGET_IGNORED). And a
 * scan never replaces what the person typed without asking.
 */
static enum widget_result
kiosk_form_scan(struct screen *s, const struct scan_event *ev)
{
	struct kiosk_form *kf = s->data;
	struct widget_key enter = { .ch = KEY_ENTER, .fn = 1 };
	char text[SCAN_MAX_BYTES + 1];
	const char *had;
	int slot = kiosk_form_focused_slot(kf);
	int bad;

	if (slot < 0 || slot >= KIOSK_FORM_NFIELDS) {
		frame_status(s->frame, msg_get("kiosk.form.scan_here"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	bad = ev->len >= sizeof text || memchr(ev->text, '\0', ev->len) != NULL;
	if (!bad) {
		memcpy(text, ev->text, ev->len);
		text[ev->len] = '\0';
		if (ev->source == SCAN_WEDGE &&
		    !kiosk_form_looks_like_code(text, ev->len)) {
			sodium_memzero(text, sizeof text);
			return WIDGET_IGNORED;
		}
		had = field_value(kf->field[slot]);
		if (had != NULL && had[0] != '\0' && strcmp(had, text) != 0 &&
		    !kiosk_form_ask_replace(kf)) {
			sodium_memzero(text, sizeof text);
			frame_status(s->frame, msg_get("kiosk.form.scan_kept"), TTY_WARN);
			return WIDGET_RESIZE;
		}
		bad = field_set_value(kf->field[slot], text) != 0;
		sodium_memzero(text, sizeof text);
	}
	if (bad) {
		frame_status(s->frame, msg_get("kiosk.form.scan_refused"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	enter.ms = loop_now_ms();
	return kiosk_form_key(s, &enter);
}

const struct screen_class kiosk_form_screen = {
	.name = "form",
	.enter = kiosk_form_enter,
	.leave = kiosk_form_leave,
	.layout = kiosk_form_layout,
	.draw = kiosk_form_draw,
	FRAME_KEYS(kiosk_form_keys),
	.key = kiosk_form_key,
	.scan = kiosk_form_scan,
};
