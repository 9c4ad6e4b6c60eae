verb "from_seconds" this none this rxd
/* A duration, briefly: 42 -> "42s", 300 -> "5m", 7200 -> "2h", 200000 -> "2d". */
{s} = args;
for unit in ({{86400, "d"}, {3600, "h"}, {60, "m"}})
  if (s >= unit[1])
    return tostr(s / unit[1], unit[2]);
  endif
endfor
return tostr(s, "s");
