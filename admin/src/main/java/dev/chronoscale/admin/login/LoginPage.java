package dev.chronoscale.admin.login;

/** What a person's browser is shown at the end of a login: a status, a heading and a sentence, nothing more. */
public record LoginPage(int status, String title, String message) {
}
