/**
 * The contract between Lido and application code, modelled on ASP.NET's System.Web.
 *
 * <p>An application is a set of jars in its {@code bin/} folder. Its {@code web.config} names the
 * classes Lido instantiates: {@link io.lido.api.HttpModule}s, which subscribe to
 * {@link io.lido.api.PipelineEvent}s, {@link io.lido.api.HttpHandler}s, which produce the response for
 * mapped paths, and optionally a Global class extending {@link io.lido.api.HttpApplication}.
 *
 * <p>Every request runs on its own (virtual) thread, so handlers and event handlers may block. One
 * {@link io.lido.api.HttpApplication} instance serves one request at a time; instances are pooled.
 * This module has no dependencies.
 *
 * <p>It is compiled for Java 17 (class-file version 61) while the rest of Lido needs 25, so that an application
 * can be built with JDK 17 or newer: as {@code io.lido:lido-api} in the local Maven repository, with scope
 * {@code provided}, since Lido gives every application these classes.
 */
package io.lido.api;
