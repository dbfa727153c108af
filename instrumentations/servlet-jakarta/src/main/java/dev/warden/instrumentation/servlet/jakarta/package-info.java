/**
 * The servlet hook's advice and helpers, written once for both servlet namespaces: compiled against jakarta.servlet
 * here, and copied by the servlet-javax module with this package and {@code jakarta.servlet} relocated to
 * {@code ...servlet.javax} and {@code javax.servlet} (string constants included). So code here may use only what
 * Servlet 3.1 (javax) already had, under the same names; that module's build checks every reference against the
 * javax.servlet 3.1 and 4.0 API jars.
 */
package dev.warden.instrumentation.servlet.jakarta;
