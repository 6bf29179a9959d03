package org.openledger.cli.eval;

import picocli.CommandLine.Command;

/** {@code openledger eval}: measure attribution quality. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {"Measure how faithful attribution is: does influence predict what retraining shows?"},
    subcommands = {LdsCommand.class, MlpLdsCommand.class})
public final class EvalCommand {}
