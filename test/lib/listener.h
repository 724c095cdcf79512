/* listener.h: a TCP listener on 127.0.0.1 for tests that play the server
 * themselves (a server that never greets, one that answers before it is
 * asked). */
#ifndef WISP_TEST_LISTENER_H
#define WISP_TEST_LISTENER_H

/* Listen on 127.0.0.1 at a port the kernel picks; *port gets it. The
 * socket, or -1 with errno set. */
int	test_listen_loopback(int *port);

#endif
