/**
 * The web console: an HTTP server on the JDK's {@code com.sun.net.httpserver} that serves the
 * static pages (plain HTML, CSS and JavaScript modules; no build step), a JSON API whose routes the
 * {@code openledger console} command registers, and a Server-Sent Events stream of new block
 * numbers. It knows nothing of the chain: the command supplies every route and the head block.
 */
package org.openledger.console;
