# Sources of the transfer module (issue 4).
