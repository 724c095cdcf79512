/* control.h: how a running migration is steered and observed.
 *
 * The migrator's control plane: the interactive command server (unix
 * socket, optional TCP) and its operations on the runtime knobs, the
 * throttle, postpone and panic; and the hooks, run one at a time with
 * gh-ost's GH_OST_* environment built from the current progress. Requests
 * to run hooks come from the migrator's phases and from the engine and are
 * queued; only the periodic status hook is skipped while another runs. */
#ifndef WISP_CONTROL_H
#define WISP_CONTROL_H

struct migration_ctx;
struct engine;
struct control;

/* fail(arg, cause): abort the migration (panic); called on a later loop
 * turn, never from inside a server callback. */
struct control	*control_create(struct migration_ctx *,
		    void (*fail)(void *, char *), void *arg);
void		 control_free(struct control *);
/* Listen on --serve-socket-file and --serve-tcp-port. 0, or -1 with an
 * allocated cause. */
int		 control_serve(struct control *, char **cause);
/* The engine, once it exists (status, knobs, throttle go through it). */
void		 control_set_engine(struct control *, struct engine *);
/* Run the hooks called name; cont(cont_arg, cause) when done (cause NULL
 * on success), or NULL when nobody waits for them. */
void		 control_hook(struct control *, const char *name,
		    const char *const *extra, void (*cont)(void *, char *),
		    void *cont_arg);
/* The engine_hook_fn the migrator gives the engine. */
void		 control_engine_hook(void *owner, const char *name,
		    const char *const *extra, void (*cont)(void *, char *),
		    void *cont_arg);

#endif
