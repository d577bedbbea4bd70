/**
 * The Jakarta Security side of Tollgate: the decorator that holds back the application's mechanism's login until the
 * second factor, the CDI extension that enables it only where a mechanism exists, and the JSON API's password check
 * through that mechanism.
 */
package dev.tollgate.web.mechanism;
