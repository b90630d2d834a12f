# Sources of the history module (issue 4).
