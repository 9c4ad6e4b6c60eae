verb "split_names" this none this rxd
/* "brass lamp, lamp" -> {"brass lamp", "lamp"}: comma-separated names, trimmed, none empty. */
{text} = args;
names = {};
for n in (explode(text, ","))
  if (n = this:trim(n))
    names = {@names, n};
  endif
endfor
return names;
