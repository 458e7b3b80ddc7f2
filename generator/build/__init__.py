"""Stage 4, build machinery: forked processes, the garbage collector's policy, the Pagefind client, staging."""
