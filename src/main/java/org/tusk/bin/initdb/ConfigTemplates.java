package org.tusk.bin.initdb;

/**
 * The configuration files initdb writes, shaped like PostgreSQL 15's samples
 * ({@code postgresql.conf.sample}, {@code pg_hba.conf.sample}), with the settings that Tusk
 * reads uncommented.
 */
final class ConfigTemplates {
    private ConfigTemplates() {}

    static String postgresqlConf() {
        return """
                # -----------------------------
                # Tusk configuration file
                # -----------------------------
                #
                # This file consists of lines of the form:
                #
                #   name = value
                #
                # (The "=" is optional.)  Whitespace may be used.  Comments are introduced with
                # "#" anywhere on a line.  The complete list of parameter names and allowed
                # values can be found with SHOW ALL.  Settings marked (change requires restart)
                # take effect only at server start; the others on reload (SIGHUP).

                #------------------------------------------------------------------------------
                # CONNECTIONS AND AUTHENTICATION
                #------------------------------------------------------------------------------

                listen_addresses = 'localhost'		# what IP address(es) to listen on;
                					# comma-separated list of addresses;
                					# defaults to 'localhost'; use '*' for all
                					# (change requires restart)
                port = 5432				# (change requires restart)
                max_connections = 100			# (change requires restart)
                #superuser_reserved_connections = 3	# (change requires restart)
                unix_socket_directories = '/tmp'	# comma-separated list of directories
                					# (change requires restart)
                #authentication_timeout = 1min		# 1s-600s
                #password_encryption = scram-sha-256	# scram-sha-256 or md5

                # - Tusk: pre-started backend processes -
                #backend_spares = 2			# JVMs kept started and attached to shared
                					# memory, waiting for a connection
                #backend_reuse = off			# let a backend serve another session after
                					# its client leaves cleanly

                #------------------------------------------------------------------------------
                # RESOURCE USAGE (except WAL)
                #------------------------------------------------------------------------------

                shared_buffers = 128MB			# min 128kB
                					# (change requires restart)

                #------------------------------------------------------------------------------
                # ERROR HANDLING
                #------------------------------------------------------------------------------

                #restart_after_crash = on		# reinitialize after backend crash?

                #------------------------------------------------------------------------------
                # REPORTING AND LOGGING
                #------------------------------------------------------------------------------

                log_line_prefix = '%m [%p] '		# special values:
                					#   %a = application name
                					#   %u = user name
                					#   %d = database name
                					#   %h = remote host
                					#   %b = backend type
                					#   %p = process ID
                					#   %t = timestamp without milliseconds
                					#   %m = timestamp with milliseconds
                					#   %e = SQL state
                					#   %% = '%'
                #log_connections = off
                #log_disconnections = off
                log_timezone = 'UTC'

                #------------------------------------------------------------------------------
                # CLIENT CONNECTION DEFAULTS
                #------------------------------------------------------------------------------

                datestyle = 'iso, mdy'
                timezone = 'UTC'
                lc_messages = 'C'			# locale for system error message
                					# strings
                lc_monetary = 'C'			# locale for monetary formatting
                lc_numeric = 'C'			# locale for number formatting
                lc_time = 'C'				# locale for time formatting
                default_text_search_config = 'pg_catalog.english'
                """;
    }

    static String pgHbaConf(String authLocal, String authHost) {
        return """
                # Tusk Client Authentication Configuration File
                # ===============================================
                #
                # Refer to the "Client Authentication" section in the PostgreSQL
                # documentation for a complete description of this file.  Each record is
                #
                # local         DATABASE  USER  METHOD  [OPTIONS]
                # host          DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
                #
                # METHOD can be "trust", "reject", "md5", "password" or "scram-sha-256".
                # The first record that matches a connection is used.

                # TYPE  DATABASE        USER            ADDRESS                 METHOD

                # "local" is for Unix domain socket connections only
                local   all             all                                     %1$s
                # IPv4 local connections:
                host    all             all             127.0.0.1/32            %2$s
                # IPv6 local connections:
                host    all             all             ::1/128                 %2$s
                # Allow replication connections from localhost, by a user with the
                # replication privilege.
                local   replication     all                                     %1$s
                host    replication     all             127.0.0.1/32            %2$s
                host    replication     all             ::1/128                 %2$s
                """.formatted(authLocal, authHost);
    }

    static String pgIdentConf() {
        return """
                # Tusk User Name Maps
                # ===================
                #
                # MAPNAME       SYSTEM-USERNAME         PG-USERNAME
                """;
    }
}
