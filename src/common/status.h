/* status.h: the status codes every layer returns, and the error detail that travels with them.
 * Functions return an `int` status (ST_OK on success) and fill out-parameters; an error that a
 * user will see carries a Chinese message and, where one field is at fault, the field's name.
 * The mapping to HTTP statuses lives only in src/http/respond.c. */
#ifndef SHOUHU_STATUS_H
#define SHOUHU_STATUS_H

enum status {
	ST_OK = 0,
	ST_INVALID,       /* bad input: field and message say what */
	ST_BAD_JSON,      /* body is not a JSON object */
	ST_NOT_FOUND,     /* absent, or outside the caller's data scope */
	ST_FORBIDDEN,     /* the role lacks the permission */
	ST_CONFLICT,      /* a unique value is taken */
	ST_UNAUTH,        /* no valid session */
	ST_BAD_CRED,      /* wrong username or password */
	ST_LOCKED,        /* too many failed logins */
	ST_CSRF,          /* missing or wrong CSRF token */
	ST_PW_CHANGE,     /* the password must be changed first */
	ST_TOO_LARGE,     /* request body over the limit */
	ST_METHOD,        /* method not allowed on this path */
	ST_INTERNAL,      /* a bug or an environment failure: logged, never detailed to the user */
	ST_DB,            /* database failure */
	ST_DUPLICATE,     /* the same person is registered already (409) */
};

/* Error detail for the user. `field` points to static storage or is NULL. */
struct err {
	int status;
	const char *field;
	char message[256];
};

/* Sets e (if not NULL) and returns status, so callers can `return err_set(e, ST_X, "f", "...")`. */
int err_set(struct err *e, int status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A short English name of a status for logs. */
const char *status_name(int status);

#endif
