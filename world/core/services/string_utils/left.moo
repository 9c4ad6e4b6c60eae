verb "left right" this none this rxd
/* left(value, width) pads with spaces on the right to width; right, on the
   left. Longer text is left as it is. */
{value, width} = args;
text = tostr(value);
pad = width > length(text) ? width - length(text) | 0;
spaces = "";
while (length(spaces) < pad)
  spaces = spaces + " ";
endwhile
return verb == "left" ? text + spaces | spaces + text;
