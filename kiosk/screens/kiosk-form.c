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
 * The screen takes every key itself (its root is NULL) and hands them to the
 * form, so that it can rebuild the form after the form's handler has returned,
 * never inside it. The form is drawn by draw().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

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
#define KF_CODE_ALPHABET	"0123456789ABCDEFGHJKLMNPQRTUWXY"
#define KF_ID_ALPHABET		"0123456789X"
#define KF_PHONE_ALPHABET	"0123456789"
#define KF_INFO_LINES		3	/* a long name or address wraps, up to this */

enum kf_slot { KF_CODE, KF_NAME, KF_ID, KF_PHONE, KF_REMARK, KF_NFIELDS,
	KF_WHO = KF_NFIELDS };

/* A read-only row: a label and a value from the register, or a hint. */
struct kinfo {
	struct widget	 super;
	char		*label;
	char		*hint;
	const char	*value;		/* borrowed from the state */
	const int	*ok;		/* the value is there */
	int		 gap;		/* a blank line after it */
};

struct kform {
	struct kiosk_state st;
	struct frame	*frame;
	struct form	*form;
	struct field	*field[KF_NFIELDS];	/* KF_NAME NULL for the legal rep */
	struct choice	*who;		/* claim: the FRP; change: the reason */
	int		 who_sel;
	const char	*errkey[KF_NFIELDS];	/* message keys shown, for a rebuild */
	struct tbox	 box;
	int		 esc_armed;
};

/* --- the read-only rows --- */

static int
kinfo_x0(const struct widget *w)
{
	int lw = w->label_w > w->w / 2 ? w->w / 2 : w->label_w;

	return w->x + (lw > 0 ? lw + 1 : 0);
}

static int
kinfo_lines(const struct kinfo *in, int cols)
{
	int n;

	if (!*in->ok || cols < 2)
		return 1;
	n = (tw_width(in->value) + cols - 1) / cols;
	return n < 1 ? 1 : n > KF_INFO_LINES ? KF_INFO_LINES : n;
}

static int
kinfo_height(struct widget *w, int width)
{
	struct kinfo *in = (struct kinfo *)w;
	int lw = w->label_w > width / 2 ? width / 2 : w->label_w;

	return kinfo_lines(in, width - (lw > 0 ? lw + 1 : 0)) + in->gap;
}

static void
kinfo_draw(struct widget *w)
{
	struct kinfo *in = (struct kinfo *)w;
	int x0 = kinfo_x0(w), cols = w->x + w->w - x0, i, n;
	const char *v = in->value;
	size_t k;

	if (x0 > w->x)
		tty_put(w->y, w->x, x0 - w->x - 1, in->label,
		    tty_attr(TTY_LABEL));
	if (!*in->ok) {
		tty_put(w->y, x0, cols, in->hint, tty_attr(TTY_HINT));
		return;
	}
	n = kinfo_lines(in, cols);
	for (i = 0; i < n && *v != '\0'; i++) {
		tty_put(w->y + i, x0, cols, v, tty_attr(TTY_NORMAL) | A_BOLD);
		if ((k = tw_fit(v, cols, NULL)) == 0)
			break;
		v += k;
	}
}

static void
kinfo_destroy(struct widget *w)
{
	struct kinfo *in = (struct kinfo *)w;

	free(in->label);
	free(in->hint);
	free(in);
}

static const struct widget_class kinfo_class = {
	.name = "kiosk-info",
	.draw = kinfo_draw,
	.height = kinfo_height,
	.destroy = kinfo_destroy,
};

static struct widget *
kinfo_new(const char *label, const char *hint, const char *value, const int *ok,
    int gap)
{
	struct kinfo *in;

	if ((in = calloc(1, sizeof *in)) == NULL)
		return NULL;
	widget_init(&in->super, &kinfo_class);
	if ((in->label = strdup(label)) == NULL ||
	    (in->hint = strdup(hint)) == NULL) {
		kinfo_destroy(&in->super);
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
kf_legal_rep(const struct kform *kf)
{
	return kf->st.form.kind == APP_CLAIM && kf->who_sel == 0;
}

/* Remembers the key shown at a field and gives its text. */
static const char *
kf_said(struct kform *kf, enum kf_slot i, const char *key)
{
	kf->errkey[i] = key;
	return key != NULL ? msg_get(key) : NULL;
}

static void
kf_forget_inst(struct kform *kf)
{
	sodium_memzero(&kf->st.inst, sizeof kf->st.inst);
	kf->st.inst_ok = 0;
}


/* Looks a valid code up, once per code: NULL, or the key of why not. */
static const char *
kf_lookup(struct kform *kf, const char *code)
{
	struct institution in;
	struct err e;

	if (kf->st.inst_ok && strcmp(kf->st.inst.credit_code, code) == 0)
		return NULL;
	kf_forget_inst(kf);
	err_clear(&e);
	if (reg_inst_get(frame_reg(kf->frame), code, &in, &e) != 0) {
		if (e.kind == ERR_NOTFOUND || e.key == NULL)
			return e.kind == ERR_NOTFOUND ? "inst.unknown" :
			    "kiosk.error.system";
		return e.key;
	}
	if (in.status != INST_ACTIVE) {
		sodium_memzero(&in, sizeof in);
		return "inst.cancelled";
	}
	kf->st.inst = in;
	kf->st.inst_ok = 1;
	sodium_memzero(&in, sizeof in);
	return NULL;
}

static const char *
kf_check_code(const char *v, void *arg)
{
	struct kform *kf = arg;
	char code[REG_CODE_SIZE];
	const char *key = "code.length";

	if (text_copy(code, sizeof code, v) == 0) {
		idcheck_normalize_code(code);
		if ((key = idcheck_credit_code(code)) == NULL)
			key = kf_lookup(kf, code);
	}
	if (key != NULL)
		kf_forget_inst(kf);
	return kf_said(kf, KF_CODE, key);
}

static const char *
kf_check_id(const char *v, void *arg)
{
	struct kform *kf = arg;
	char id[REG_ID_SIZE];
	const char *key = "id.length";

	if (text_copy(id, sizeof id, v) == 0) {
		idcheck_normalize_id(id);
		key = idcheck_resident_id(id, clock_now());
		/* The legal rep is who the register says: compare when known. */
		if (key == NULL && kf_legal_rep(kf) && kf->st.inst_ok &&
		    strcmp(id, kf->st.inst.legal_rep_id) != 0)
			key = "app.legal_rep_id_mismatch";
	}
	sodium_memzero(id, sizeof id);
	return kf_said(kf, KF_ID, key);
}

static const char *
kf_check_phone(const char *v, void *arg)
{
	return kf_said(arg, KF_PHONE, idcheck_mobile(v));
}

/* Free text is checked as it will be stored: without the spaces around. */
static const char *
kf_check_text(struct kform *kf, enum kf_slot i, const char *v, size_t min,
    size_t max)
{
	char t[REG_REMARK_SIZE];
	const char *key = "text.too_long";

	if (text_copy(t, sizeof t, v) == 0) {
		text_trim(t);
		key = i == KF_NAME ? text_check_name(t, min, max) :
		    text_check(t, min, max);
	}
	sodium_memzero(t, sizeof t);
	if (key != NULL && strcmp(key, "text.empty") == 0 && i == KF_NAME)
		key = "kiosk.form.name_empty";
	return kf_said(kf, i, key);
}

static const char *
kf_check_name(const char *v, void *arg)
{
	return kf_check_text(arg, KF_NAME, v, 1, REG_PERSON_CHARS);
}

static const char *
kf_check_remark(const char *v, void *arg)
{
	return kf_check_text(arg, KF_REMARK, v, 0, REG_REMARK_CHARS);
}

/* --- building the form from the state, and saving it back --- */

static int
kf_save_one(struct kform *kf, enum kf_slot i, char *dst, size_t len)
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
kf_save(struct kform *kf)
{
	struct app_form *f = &kf->st.form;

	if (kf->form == NULL)
		return 0;
	if (kf->st.form.kind == APP_CLAIM)
		f->frp_is_legal_rep = kf->who_sel == 0;
	else
		f->reason = kf->who_sel == 0 ? APP_REASON_LEGAL_REP_CHANGE :
		    APP_REASON_FRP_CHANGE;
	if (kf_save_one(kf, KF_CODE, f->credit_code, sizeof f->credit_code) != 0 ||
	    kf_save_one(kf, KF_NAME, f->frp_name, sizeof f->frp_name) != 0 ||
	    kf_save_one(kf, KF_ID, f->frp_id, sizeof f->frp_id) != 0 ||
	    kf_save_one(kf, KF_PHONE, f->frp_phone, sizeof f->frp_phone) != 0 ||
	    kf_save_one(kf, KF_REMARK, f->remark, sizeof f->remark) != 0)
		return -1;
	return 0;
}

/* Empties the fields, so the typed text leaves the edit buffers too. */
static void
kf_free_form(struct kform *kf)
{
	int i;

	for (i = 0; i < KF_NFIELDS; i++) {
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
kf_add_field(struct kform *kf, enum kf_slot i, const char *label,
    size_t max, const char *alphabet, field_check_fn check, const char *hint,
    const char *value)
{
	struct field *f;
	char full[256];

	if ((f = field_new(msg_get(label), max)) == NULL)
		return NULL;
	field_set_alphabet(f, alphabet);
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
kf_add_info(struct kform *kf, const char *label, const char *value, int gap)
{
	struct widget *w;

	if ((w = kinfo_new(msg_get(label), msg_get("kiosk.form.inst_hint"), value,
	    &kf->st.inst_ok, gap)) == NULL)
		return -1;
	return form_add(kf->form, w);
}

static int
kf_add_who(struct kform *kf)
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
kf_add_all(struct kform *kf)
{
	struct app_form *f = &kf->st.form;
	struct institution *in = &kf->st.inst;
	int lr = kf_legal_rep(kf);

	if (kf_add_field(kf, KF_CODE, "kiosk.form.code", IDCHECK_CODE_LEN,
	    KF_CODE_ALPHABET, kf_check_code, "kiosk.form.code_hint",
	    f->credit_code) == NULL ||
	    kf_add_info(kf, "kiosk.form.inst_name", in->name, 0) != 0 ||
	    kf_add_info(kf, "kiosk.form.inst_address", in->address, 0) != 0 ||
	    kf_add_info(kf, "kiosk.form.legal_rep", in->legal_rep_name, 1) != 0 ||
	    kf_add_who(kf) != 0)
		return -1;
	if (!lr && kf_add_field(kf, KF_NAME, kf->st.form.kind == APP_CLAIM ?
	    "kiosk.form.name" : "kiosk.form.new_name", REG_PERSON_CHARS, NULL,
	    kf_check_name, NULL, f->frp_name) == NULL)
		return -1;
	if (kf_add_field(kf, KF_ID, lr ? "kiosk.form.id_legal_rep" :
	    "kiosk.form.id", IDCHECK_ID_LEN, KF_ID_ALPHABET, kf_check_id,
	    lr ? "kiosk.form.id_legal_rep_hint" : "kiosk.form.id_hint",
	    f->frp_id) == NULL ||
	    kf_add_field(kf, KF_PHONE, "kiosk.form.phone", IDCHECK_MOBILE_LEN,
	    KF_PHONE_ALPHABET, kf_check_phone, "kiosk.form.phone_hint",
	    f->frp_phone) == NULL ||
	    kf_add_field(kf, KF_REMARK, "kiosk.form.remark", REG_REMARK_CHARS,
	    NULL, kf_check_remark, "kiosk.form.remark_hint", f->remark) == NULL)
		return -1;
	return 0;
}

static struct widget *
kf_slot_widget(struct kform *kf, int slot)
{
	if (slot == KF_WHO)
		return kf->who != NULL ? choice_widget(kf->who) : NULL;
	if (slot < 0 || slot >= KF_NFIELDS || kf->field[slot] == NULL)
		return NULL;
	return field_widget(kf->field[slot]);
}

/* The slot with the focus, or -1. */
static int
kf_focused_slot(struct kform *kf)
{
	struct widget *w = kf->form != NULL ? form_focused(kf->form) : NULL;
	int i;

	for (i = 0; i <= KF_WHO; i++) {
		if (w != NULL && kf_slot_widget(kf, i) == w)
			return i;
	}
	return -1;
}

/* Makes the form again from the state, the focus on slot (if it is there). */
static int
kf_build(struct kform *kf, int slot)
{
	struct widget *w;

	if (kf_save(kf) != 0)
		return -1;
	kf_free_form(kf);
	if ((kf->form = form_new()) == NULL || kf_add_all(kf) != 0) {
		kf_free_form(kf);
		return -1;
	}
	if (slot == KF_NAME && kf->field[KF_NAME] == NULL)
		slot = KF_ID;
	if ((w = kf_slot_widget(kf, slot)) != NULL)
		form_focus(kf->form, w);
	return 0;
}

/* --- the screen --- */

static void
kf_footer(struct screen *s)
{
	struct footer_item items[4];

	items[0].key = "Tab";
	items[0].label = msg_get("kiosk.form.key_next");
	items[1].key = "F10";
	items[1].label = msg_get("kiosk.form.key_done");
	items[2].key = "Esc";
	items[2].label = msg_get("kiosk.key.back");
	items[3].key = "F2";
	items[3].label = msg_get("kiosk.key.lang");
	frame_footer(s->frame, items, 4);
}

static int
kf_enter(struct screen *s, void *arg)
{
	const struct kiosk_start *ks = arg;
	struct kform *kf;

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
		kf_check_code(kf->st.form.credit_code, kf);
	if (kf_build(kf, ks->credit_code[0] != '\0' && kf->errkey[KF_CODE] == NULL ?
	    KF_WHO : KF_CODE) != 0) {
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
kf_leave(struct screen *s)
{
	struct kform *kf = s->data;

	kf_free_form(kf);
	sodium_memzero(kf, sizeof *kf);
	free(kf);
}

static enum kf_slot
kf_field_slot(const char *field)
{
	static const struct {
		const char	*name;
		enum kf_slot	 slot;
	} map[] = {
		{ "credit_code", KF_CODE }, { "frp_name", KF_NAME },
		{ "frp_id", KF_ID }, { "frp_phone", KF_PHONE },
		{ "remark", KF_REMARK }, { "reason", KF_WHO },
	};
	size_t i;

	for (i = 0; field != NULL && i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(field, map[i].name) == 0)
			return map[i].slot;
	}
	return KF_CODE;
}

/* What the confirm screen left for us: a part to change, or a refusal. */
static void
kf_back(struct screen *s)
{
	struct kform *kf = s->data;
	static const int part_slot[] = { -1, KF_CODE, KF_WHO, KF_REMARK };
	enum kf_slot slot;
	struct widget *w;

	if (kf->st.err_key != NULL) {
		/* The register may have changed since the code was left: read it
		 * again, so the checks compare with what the registry has now. */
		kf_forget_inst(kf);
		field_check(kf->field[KF_CODE]);
		slot = kf_field_slot(kf->st.err_field);
		if (slot < KF_NFIELDS && kf->field[slot] != NULL) {
			kf->errkey[slot] = kf->st.err_key;
			field_set_error(kf->field[slot], msg_get(kf->st.err_key));
		} else
			frame_status(s->frame, msg_get(kf->st.err_key), TTY_ERROR);
		if ((w = kf_slot_widget(kf, slot)) != NULL)
			form_focus(kf->form, w);
	} else if ((w = kf_slot_widget(kf, part_slot[kf->st.back_to])) != NULL)
		form_focus(kf->form, w);
	kf->st.err_key = kf->st.err_field = NULL;
	kf->st.back_to = KIOSK_PART_NONE;
}

static void
kf_layout(struct screen *s, struct tbox b)
{
	struct kform *kf = s->data;
	int w = b.w - 4 < 96 ? b.w - 4 : 96;

	kf->box = b;
	kf_back(s);
	kf_footer(s);
	widget_place(form_widget(kf->form), b.y + 1, b.x + (b.w - w) / 2, b.h - 1,
	    w);
}

static void
kf_draw(struct screen *s, struct tbox b)
{
	struct kform *kf = s->data;

	tty_put_centre(b.y, b.x, b.w, msg_get("kiosk.form.intro"),
	    tty_attr(TTY_HINT));
	widget_draw(form_widget(kf->form));
}

/* The answers as they will be stored: spaces around free text trimmed. */
static void
kf_tidy(struct kiosk_state *st)
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
kf_done(struct screen *s)
{
	struct kform *kf = s->data;

	if (kf_save(kf) != 0) {
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
		return WIDGET_REDRAW;
	}
	kf_tidy(&kf->st);
	if (frame_push(s->frame, &screen_confirm, &kf->st) != 0)
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
	return WIDGET_RESIZE;
}

static int
kf_empty(struct kform *kf)
{
	int i;
	const char *v;

	for (i = 0; i < KF_NFIELDS; i++) {
		if (kf->field[i] != NULL && (v = field_value(kf->field[i])) != NULL &&
		    v[0] != '\0')
			return 0;
	}
	return 1;
}

/* Esc leaves the form; once something is typed, only when pressed twice. */
static enum widget_result
kf_escape(struct screen *s)
{
	struct kform *kf = s->data;

	if (!kf->esc_armed && !kf_empty(kf)) {
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
kf_rebuild(struct screen *s, int recheck_id)
{
	struct kform *kf = s->data;

	if (kf_build(kf, kf_focused_slot(kf)) != 0) {
		/* Nothing sensible is left to show: start again, and say why. */
		frame_home(s->frame);
		frame_status(s->frame, msg_get("kiosk.error.system"), TTY_ERROR);
		return WIDGET_RESIZE;
	}
	if (recheck_id && kf->field[KF_ID] != NULL && kf->errkey[KF_ID] != NULL)
		field_check(kf->field[KF_ID]);
	return WIDGET_RESIZE;
}

static enum widget_result
kf_key(struct screen *s, const struct widget_key *k)
{
	struct kform *kf = s->data;
	enum widget_result r;

	if (widget_key_fn(k, KIOSK_LANG_KEY)) {
		msg_set_lang(kiosk_other_lang());
		return kf_rebuild(s, 0);
	}
	if (widget_key_char(k, 27))
		return kf_escape(s);
	kf->esc_armed = 0;
	r = widget_key(form_widget(kf->form), k);
	if (r == WIDGET_DONE)
		return kf_done(s);
	if (kf->who != NULL && choice_selected(kf->who) != kf->who_sel) {
		kf->who_sel = choice_selected(kf->who);
		if (kf->st.form.kind == APP_CLAIM)
			return kf_rebuild(s, 1);
	}
	return r == WIDGET_IGNORED ? WIDGET_HANDLED : r;
}

/* What a scan can mean on this form: one of our codes, or a credit code. */
static int
kf_looks_like_code(const char *text, size_t len)
{
	char code[REG_CODE_SIZE];

	if (code_classify(text, len) != CODE_MALFORMED)
		return 1;
	if (text_copy(code, sizeof code, text) != 0)
		return 0;
	idcheck_normalize_code(code);
	return idcheck_credit_code(code) == NULL;
}

/* A scan would replace what the person typed in the field: 1 if they say so. */
static int
kf_ask_replace(struct kform *kf)
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
kf_scan(struct screen *s, const struct scan_event *ev)
{
	struct kform *kf = s->data;
	struct widget_key enter = { KEY_ENTER, 1, 0 };
	char text[SCAN_MAX_BYTES + 1];
	const char *had;
	int slot = kf_focused_slot(kf);
	int bad;

	if (slot < 0 || slot >= KF_NFIELDS) {
		frame_status(s->frame, msg_get("kiosk.form.scan_here"), TTY_WARN);
		return WIDGET_REDRAW;
	}
	bad = ev->len >= sizeof text || memchr(ev->text, '\0', ev->len) != NULL;
	if (!bad) {
		memcpy(text, ev->text, ev->len);
		text[ev->len] = '\0';
		if (ev->source == SCAN_WEDGE && !kf_looks_like_code(text, ev->len)) {
			sodium_memzero(text, sizeof text);
			return WIDGET_IGNORED;
		}
		had = field_value(kf->field[slot]);
		if (had != NULL && had[0] != '\0' && strcmp(had, text) != 0 &&
		    !kf_ask_replace(kf)) {
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
	return kf_key(s, &enter);
}

const struct screen_class screen_form = {
	.name = "form",
	.enter = kf_enter,
	.leave = kf_leave,
	.layout = kf_layout,
	.draw = kf_draw,
	.key = kf_key,
	.scan = kf_scan,
};
