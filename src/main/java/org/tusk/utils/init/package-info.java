/**
 * Process identity and initialisation shared by the postmaster and its children (PostgreSQL's
 * {@code utils/init} and {@code miscadmin.h}): the kinds of process
 * ({@link org.tusk.utils.init.BackendType}), what the postmaster tells a spare when handing it a
 * connection ({@link org.tusk.utils.init.ChildAssignment}), a child's process-wide environment
 * ({@link org.tusk.utils.init.ChildEnvironment}), loading the configuration
 * ({@link org.tusk.utils.init.ServerConfig}) and the version Tusk reports.
 */
package org.tusk.utils.init;
