package dev.chronoscale.app;

public final class Main {
    public static void main(String[] args) {
        System.out.println("chronoscale");
    }
}
