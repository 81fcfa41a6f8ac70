/** Application code the worker tests deploy into a test site's bin/app.jar. */
package lidotest.app;
