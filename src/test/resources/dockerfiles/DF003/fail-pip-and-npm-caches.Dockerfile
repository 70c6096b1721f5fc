FROM nikolaik/python-nodejs:python3.12-nodejs22-slim
COPY package*.json requirements.txt ./
# expect-next: DF003
RUN npm ci --omit=dev
USER pn
# expect-next: DF003
RUN pip3 install --user -r requirements.txt
