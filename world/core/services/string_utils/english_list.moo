verb "english_list" this none this rxd
/* {"a", "b", "c"} -> "a, b and c"; {} -> "nothing". */
{items} = args;
n = length(items);
if (n == 0)
  return "nothing";
elseif (n == 1)
  return tostr(items[1]);
endif
return this:join(items[1..n - 1], ", ") + " and " + tostr(items[n]);
