package data

import "context"

type userKey struct{}

// WithUser returns a context that says who is acting. The store records it in the audit trail
// of every write made with that context.
func WithUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

// UserFromContext returns the person acting, or "" when the context does not say.
func UserFromContext(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}
