package io.routedesk.service;

/** Summary of a finished numbers load. */
public record NumbersLoad(int numbers, int routingLoaded, int routingFailed, boolean cancelled) {}
