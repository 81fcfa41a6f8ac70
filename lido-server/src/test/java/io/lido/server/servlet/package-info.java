/** Jakarta Servlet web applications (WARs) hosted in Lido's pools, through the real distribution (issue 11). */
package io.lido.server.servlet;
