/**
 * The web console (issue [9/9]).
 */
package org.openledger.console;
