/*
 * kiosk.h: the self-service screens, and the state they pass on.
 *
 * The kiosk's path is start -> choose -> form -> confirm -> ticket. The form
 * screen owns the person's answers (struct kiosk_state) for as long as it is
 * on the stack; the confirm screen, pushed over it, borrows them, so going back
 * to change one part finds everything else as it was typed. A submitted form
 * leaves every screen (wiping what was typed) and the ticket is shown over the
 * start screen with nothing but the application number.
 */
#ifndef JSD_SCREEN_KIOSK_H
#define JSD_SCREEN_KIOSK_H

#include "frame.h"
#include "reg.h"

/* Parts of the form the confirm screen can send the person back to. */
enum kiosk_part {
	KIOSK_PART_NONE,
	KIOSK_PART_INST,
	KIOSK_PART_FRP,
	KIOSK_PART_REMARK
};

/* What the form screen takes: the kind, and a credit code scanned before it. */
struct kiosk_start {
	enum app_kind	 kind;
	char		 credit_code[REG_CODE_SIZE];
};

/* The answers, owned by the form screen (wiped when it leaves). */
struct kiosk_state {
	struct app_form	 form;
	struct institution inst;	/* from the register, when inst_ok */
	int		 inst_ok;
	/* Set by the confirm screen before it pops: where to put the focus,
	 * and a refusal of the registry to show at its field. */
	enum kiosk_part	 back_to;
	const char	*err_field;
	const char	*err_key;
};

/* What the ticket screen takes. */
struct kiosk_ticket {
	enum app_kind	 kind;
	char		 number[REG_APPNO_SIZE];
};

extern const struct screen_class kiosk_start_choose_screen;
extern const struct screen_class kiosk_form_screen;
extern const struct screen_class kiosk_confirm_screen;
extern const struct screen_class kiosk_ticket_screen;

/* F2 on every kiosk screen: the other language. */
#define KIOSK_LANG_KEY	KEY_F(2)
enum msg_lang	 kiosk_other_lang(void);
/* The F2 of a screen that draws its texts afresh: the other language. */
enum widget_result kiosk_lang(struct screen *, const struct widget_key *);
/* 1 for keys that mean nothing to a kiosk screen (Ctrl-C, Ctrl-Z, ...). */
int		 kiosk_control_key(const struct widget_key *);

#endif
