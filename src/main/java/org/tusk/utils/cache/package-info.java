/**
 * Per-backend caches of catalog contents (PostgreSQL's utils/cache: relcache.c, syscache.c,
 * inval.c). Each backend keeps its own copies; they are kept coherent across processes by shared
 * invalidation messages (storage.ipc sinval): a backend that commits a catalog change sends one
 * message per changed relation, and every backend reads the queue before it next looks anything up
 * (at transaction start and at each lock acquisition), dropping what the messages name.
 */
package org.tusk.utils.cache;
