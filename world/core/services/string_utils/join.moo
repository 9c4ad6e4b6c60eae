verb "join" this none this rxd
/* join(items, separator): the items as text, separator between them. */
{items, sep} = args;
text = "";
for i in [1..length(items)]
  text = text + (i > 1 ? sep | "") + tostr(items[i]);
endfor
return text;
