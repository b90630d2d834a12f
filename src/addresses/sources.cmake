# Sources of the addresses module (issue 4).
